"""People, organizations and topics: chosen by autocomplete in the readout screen, so each admin
has search_fields; each change screen lists the readouts that name it."""

from django.contrib import admin
from django.db.models import Count

from readouts.models import Organization, Person, Readout, Topic

from .common import former_addresses_inline, readout_links
from .history import HistoryAdmin
from .locking import LockedAdminMixin


class ReadoutCountMixin:
    """A "Readouts" column counted in the change list's own query, not once per row."""

    readout_count_path = "readouts"

    def get_queryset(self, request):
        # A grouped query drops the model's default ordering; keep it for lists and autocomplete.
        queryset = super().get_queryset(request).annotate(readout_count=Count(self.readout_count_path, distinct=True))
        return queryset.order_by(*self.model._meta.ordering)

    @admin.display(description="Readouts", ordering="readout_count")
    def readout_count(self, obj):
        return obj.readout_count


@admin.register(Person)
class PersonAdmin(ReadoutCountMixin, LockedAdminMixin, HistoryAdmin):
    readout_count_path = "participations__readout"
    list_display = ["name", "sort_name", "organization", "readout_count"]
    list_select_related = ["organization"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter)]
    # Their titles too, as their picker shows one (pickers.py): "foreign minister" finds Lavrov.
    search_fields = ["name", "sort_name", "alternate_names", "slug", "participations__title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organization"]
    fields = ["name", "slug", "sort_name", "alternate_names", "organization", "description", "readout_list"]
    readonly_fields = ["readout_list"]
    inlines = [former_addresses_inline("person")]

    @admin.display(description="Readouts")
    def readout_list(self, obj):
        return readout_links(Readout.objects.filter(participants__person=obj).distinct()) if obj.pk else "None yet."


@admin.register(Organization)
class OrganizationAdmin(ReadoutCountMixin, LockedAdminMixin, HistoryAdmin):
    list_display = ["name", "kind", "parent", "readout_count"]
    list_select_related = ["parent"]
    list_filter = ["kind"]
    # Its country too, as its picker shows it (pickers.py): "Russia ministry".
    search_fields = ["name", "alternate_names", "slug", "parent__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "kind", "parent", "alternate_names", "description", "readout_list"]
    readonly_fields = ["readout_list"]
    inlines = [former_addresses_inline("organization")]

    @admin.display(description="Readouts")
    def readout_list(self, obj):
        return readout_links(obj.readouts.all()) if obj.pk else "None yet."


@admin.register(Topic)
class TopicAdmin(ReadoutCountMixin, LockedAdminMixin, HistoryAdmin):
    list_display = ["name", "kind", "parent", "readout_count"]
    list_select_related = ["parent"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "kind", "parent", "description", "readout_list"]
    readonly_fields = ["readout_list"]
    inlines = [former_addresses_inline("topic")]

    @admin.display(description="Readouts")
    def readout_list(self, obj):
        return readout_links(obj.readouts.all()) if obj.pk else "None yet."

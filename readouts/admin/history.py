"""Each record's history in the admin (django-simple-history, tables in readouts/history/): the
History button of a change screen lists every saved version, who saved it, when, and the old and
new value of each field that changed, followed by the same for the rows of its inlines (a
readout's participants and links, a statement's quotes...), deleted rows included. Editors see it
with the permission to view the record."""

from django.contrib.admin.options import InlineModelAdmin
from django.forms.models import _get_foreign_key
from django.http import HttpResponseNotAllowed
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

# Show a changed text whole up to this length; longer ones are shortened around the change.
SHOWN_CHARS = 3000
# The latest versions of an inline's rows listed on its parent's history page.
ROWS_SHOWN = 200


class ChangesHelper(HistoricalRecordContextHelper):
    """Old and new values shown whole up to SHOWN_CHARS, with their line breaks."""

    def __init__(self, model, historical_record):
        super().__init__(model, historical_record, max_displayed_delta_change_chars=SHOWN_CHARS)

    def stringify_delta_change_values(self, change, old, new):
        # Escaped by the package; only the line breaks are added.
        return tuple(
            mark_safe(value.replace("\r\n", "\n").replace("\n", "<br>"))
            for value in super().stringify_delta_change_values(change, old, new)
        )


def _changes(model, newer, older):
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    return ChangesHelper(model, newer).context_for_delta_changes(delta)


def _label(record):
    """The row as its own __str__ names it, from the related rows read with the version."""
    instance = record.instance
    for name, related in record._state.fields_cache.items():
        instance._state.fields_cache[name] = related
    return str(instance)


class HistoryAdmin(SimpleHistoryAdmin):
    """Past versions are there to read, not to restore: a restore would bypass the check that
    keeps a save from overwriting changes its editor never saw (locking.py)."""

    object_history_template = "admin/history/object_history.html"

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The package saves a POSTed past version even with reverting disabled.
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangesHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        context = {"row_histories": self.row_histories(object_id), **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def row_histories(self, object_id):
        """(inline's title, versions newest first) for each inline whose rows keep a history."""
        sections = []
        for inline_class in self.inlines:
            model = inline_class.model
            if not issubclass(inline_class, InlineModelAdmin) or not hasattr(model, "history"):
                continue
            fk = _get_foreign_key(self.model, model, fk_name=inline_class.fk_name)
            records = list(
                model.history.filter(**{fk.attname: object_id})
                ._select_related_history_tracked_objs()
                .select_related("history_user")
                .order_by("-history_date", "-history_id")[:ROWS_SHOWN]
            )
            # Each version against the one before it of the same row, when that is listed too.
            previous = {}
            for record in reversed(records):
                older = previous.get(record.id)
                record.row_label = _label(record)
                record.row_changes = _changes(model, record, older) if older and record.history_type == "~" else []
                previous[record.id] = record
            if records:
                sections.append((model._meta.verbose_name_plural, records))
        return sections

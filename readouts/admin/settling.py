"""What a readout settles or advances of commitments made at earlier readouts, entered on its
own screen: each row picks an earlier commitment, a status and a note, and is stored as that
commitment's dated update with this readout as its evidence, so the earlier readout's page, the
commitment's page and this readout's page all show it."""

from django import forms
from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html

from readouts.models import CommitmentUpdate

from .locking import LockedInlineMixin
from .nesting import StackedInline


class SettledCommitmentForm(forms.ModelForm):
    class Meta:
        model = CommitmentUpdate
        fields = ()  # the inline's
        labels = {"commitment": "Earlier commitment", "status": "Now"}
        help_texts = {
            "commitment": "Search by its words or by who made it.",
            "date": "Leave empty for this readout's date.",
        }

    def clean(self):
        cleaned_data = super().clean()
        readout = cleaned_data.get("evidence")  # this screen's readout, unsaved while being entered
        commitment = cleaned_data.get("commitment")
        if commitment is None or readout is None or readout.date is None or cleaned_data.get("DELETE"):
            return cleaned_data
        if cleaned_data.get("date") is None:
            cleaned_data["date"] = self.instance.date = readout.date
        if self.instance.pk is not None and "commitment" not in self.changed_data:
            return cleaned_data  # a row stored before these checks is not refused for them
        made_at = commitment.readout
        if made_at.pk == readout.pk:
            self.add_error(
                "commitment",
                "This commitment was made at this readout: record its updates under it, in its statement above.",
            )
        elif made_at.date > readout.date:
            self.add_error(
                "commitment",
                f"This commitment was made at a later readout ({made_at.date:%Y-%m-%d}): choose one made on or "
                f"before this readout's date ({readout.date:%Y-%m-%d}).",
            )
        return cleaned_data


class SettledCommitmentInline(LockedInlineMixin, StackedInline):
    model = CommitmentUpdate
    fk_name = "evidence"
    form = SettledCommitmentForm
    extra = 0
    verbose_name = "earlier commitment"
    verbose_name_plural = "earlier commitments this readout settles or advances"
    fields = ["commitment", ("status", "date"), "note", "sources", "made_at"]
    readonly_fields = ["made_at"]
    autocomplete_fields = ["commitment", "sources"]

    def get_queryset(self, request):
        # A commitment's updates at its own readout are entered under the commitment itself.
        queryset = super().get_queryset(request).exclude(commitment__readout=F("evidence"))
        return queryset.select_related("commitment__readout")

    @admin.display(description="Made at")
    def made_at(self, obj):
        if obj is None or obj.commitment_id is None:
            return "Shown once saved."
        commitment, readout = obj.commitment, obj.commitment.readout
        return format_html(
            '<a href="{}">{}</a>, at <a href="{}">{}</a>',
            reverse("admin:readouts_commitment_change", args=[commitment.pk]),
            f"commitment {commitment.pk}",
            reverse("admin:readouts_readout_change", args=[readout.pk]),
            str(readout),
        )

"""The short lists of commitments other pages show: the home page's newest open ones, and a
person's or an organization's newest. Published readouts' commitments only, in a fixed number
of queries whatever the archive's size."""

from django.db.models import Exists, OuterRef

from . import tracker
from .filters import commitment_rows
from .models import Commitment, Readout

COMMITMENTS_SHOWN = 20


def open_commitments(limit):
    """The newest open commitments (by their readout's date). They all come from the `limit`
    newest readouts that have one, which the readouts' date index finds at once; sorting every
    open commitment by its readout's date took 220 ms at 100,000 readouts."""
    still_open = Commitment.objects.published().open()
    readouts = (
        Readout.objects.published()
        .filter(Exists(still_open.filter(readout=OuterRef("pk"))))
        .newest_first()
        .values("pk")[:limit]
    )
    return (
        still_open.filter(readout__in=readouts)
        .select_related("readout")
        .order_by("-readout__date", "-readout__id", "position", "id")[:limit]
    )


def actor_commitments(entity):
    """What a person's or organization's page shows of their commitments: the scorecard
    (tracker.scorecard), the newest (latest_commitments()) and how many there are in all (a
    leader's run into the thousands, too many for one page): the scorecard's total, which
    counts the same rows."""
    scorecard = tracker.scorecard(entity)
    return {
        "scorecard": scorecard,
        "commitments": latest_commitments(entity),
        "commitment_count": scorecard["tallies"]["total"],
    }


def latest_commitments(entity):
    """A person's or organization's newest published commitments (as one of their actors), read
    from the commitments' appearance rows by their index: one query."""
    rows = commitment_rows(entity)
    # readout_id, not readout: the readout itself would be ordered by, through a join, as Readout
    # orders (date, then id, ascending here).
    newest = rows.order_by("-date", "-readout_id", "position", "commitment_id").values("commitment")[:COMMITMENTS_SHOWN]
    # Published only, whatever the rows say.
    return (
        Commitment.objects.published()
        .filter(pk__in=newest)
        .select_related("readout")
        .order_by("-readout__date", "-readout__id", "position", "id")
    )

import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import caching, origin, queries
from ..filters import ReadoutFilter
from ..models import (
    CommitmentUpdate,
    DiscrepancyVersion,
    Participant,
    Quote,
    Readout,
    ReadoutLink,
    Statement,
    Topic,
    TopicKind,
)
from .moved import moved_or_404
from .paging import paginate_readout_ids


def readout_list(request):
    filterset = ReadoutFilter(request.GET, queryset=Readout.objects.published().newest_first())
    # An invalid filter shows its error instead of silently listing everything else.
    valid = filterset.is_valid()
    filtered = any(value not in (None, "") for value in filterset.form.cleaned_data.values())
    # Unfiltered, the count is the archive's: once per edition (7 ms at 100,000 readouts).
    count = caching.figures("published-readouts", Readout.objects.published().count) if valid and not filtered else None
    context = {
        "filterset": filterset,
        "filtered": filtered,
        "page": paginate_readout_ids(request, filterset.readout_ids(), count=count) if valid else None,
    }
    return render(request, "readouts/readout_list.html", context, status=200 if valid else 400)


def readout_detail(request, year, month, day, slug):
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise Http404("No such date.")
    try:
        readout = readout_page_queryset(Readout.objects.published()).get(date=date, slug=slug)
    except Readout.DoesNotExist:
        return moved_or_404(request, "readout")
    return render(request, "readouts/readout_detail.html", readout_page_context(request, readout))


def readout_short(request, pk):
    """The permanent short address: it outlives any change of the readout's date or slug."""
    readout = get_object_or_404(Readout.objects.published().only("pk", "date", "slug"), pk=pk)
    return redirect(readout, permanent=True)


def readout_page_context(request, readout):
    participants = readout.participants.all()
    topics = readout.topics.all()
    return {
        "readout": readout,
        "participants": participants,
        "themes": [topic for topic in topics if topic.kind == TopicKind.THEME],
        "places": [topic for topic in topics if topic.kind == TopicKind.PLACE],
        "statements": readout.statements.all(),
        "related": queries.related_readouts(
            readout,
            person_ids={participant.person_id for participant in participants},
            topic_ids={topic.pk for topic in topics},
        ),
        "previous": queries.previous_readout(readout),
        "next": queries.next_readout(readout),
        "citation_url": origin.absolute(readout.get_absolute_url()),
    }


def readout_page_queryset(readouts):
    """Everything the readout page shows, preloaded; links to other readouts only if published."""
    published = Readout.Status.PUBLISHED
    statements = Statement.objects.select_related("issuer").prefetch_related(
        "speakers", "sources", Prefetch("quotes", queryset=Quote.objects.select_related("speaker"))
    )
    versions = DiscrepancyVersion.objects.select_related("statement").prefetch_related("sources")
    return readouts.prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("person", "represented")),
        "organizations",
        "sources",
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
        Prefetch("statements", queryset=statements),
        Prefetch("discrepancies__versions", queryset=versions),
        "commitments",
        Prefetch(
            "links_out",
            queryset=ReadoutLink.objects.filter(to_readout__status=published).select_related("to_readout"),
        ),
        Prefetch(
            "links_in",
            queryset=ReadoutLink.objects.filter(from_readout__status=published)
            .select_related("from_readout")
            .order_by("from_readout__date", "id"),
        ),
        Prefetch(
            "evidence_for",
            queryset=CommitmentUpdate.objects.filter(commitment__readout__status=published).select_related(
                "commitment__readout"
            ),
        ),
    )

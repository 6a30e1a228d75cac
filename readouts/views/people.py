from django.db.models import Count, Max, Min, Prefetch
from django.shortcuts import render

from .. import charts, figures, membership
from ..cards import readout_cards
from ..commitment_lists import actor_commitments
from ..models import Participant, Person, PersonPair, PersonRole
from ..models.entities import PERSON_INITIAL, PERSON_SORT_KEY, person_sort_key
from .moved import moved_or_404
from .paging import paginate, paginate_readout_ids

MET_MOST_OFTEN = 10
PEOPLE_PER_PAGE = 200


def person_list(request):
    """Everyone in the archive, alphabetically by sort name (or name), grouped by initial, in
    pages of PEOPLE_PER_PAGE (read in the order of person_initial_idx); each initial links to
    the page where it starts. Only the page's people are counted: counting all 5,000 of a
    100,000-readout archive, on one page, took 1.3 s on SQLite."""
    people = Person.objects.public().annotate(initial=PERSON_INITIAL).order_by(PERSON_INITIAL, PERSON_SORT_KEY, "name")
    letters, start = [], 0
    for initial, n in people.order_by("initial").values_list("initial").annotate(n=Count("pk")):
        letters.append((initial, start // PEOPLE_PER_PAGE + 1))
        start += n
    page = paginate(request, people.select_related("organization__count"), per_page=PEOPLE_PER_PAGE, count=start)
    page.object_list = list(page.object_list)
    figures.counted(page.object_list)
    context = {"people": page.object_list, "page": page, "letters": letters}
    return render(request, "readouts/person_list.html", context)


def person_detail(request, slug):
    """A person's page exists once one of their readouts is published (Person.objects.public());
    it shows none of the drafts."""
    try:
        person = Person.objects.public().select_related("organization__count", "count").get(slug=slug)
    except Person.DoesNotExist:
        return moved_or_404(request, "person")
    their_parts = Participant.objects.filter(person=person).select_related("represented")

    def cards(readouts):
        return readout_cards(readouts).prefetch_related(
            Prefetch("participants", queryset=their_parts, to_attr="their_parts")
        )

    readout_ids = membership.appearances(person).values_list("readout", flat=True)
    met = PersonPair.objects.filter(person=person).select_related("other")
    context = {
        "person": person,
        "per_month": charts.engagements_per_month(person),
        "titles": (
            PersonRole.objects.filter(person=person)
            .exclude(title="")
            .values("title")
            .annotate(first=Min("date"), last=Max("date"))
            .order_by("first", "title")
        ),
        "page": _with_parts(person, paginate_readout_ids(request, readout_ids, cards, count=person.count.readouts)),
        "met_most_often": [
            _shared(pair.other, pair.readouts)
            for pair in met.order_by("-readouts", person_sort_key("other__"), "other__name")[:MET_MOST_OFTEN]
        ],
    }
    context.update(actor_commitments(person))
    return render(request, "readouts/person_detail.html", context)


def _with_parts(person, page):
    """Say what the person did in the page's readouts they were no participant of (they spoke,
    were quoted, committed to something): one query, only if there are such readouts."""
    others = [readout for readout in page.object_list if not readout.their_parts]
    if others:
        parts = membership.parts(person, [readout.pk for readout in others])
        for readout in others:
            readout.other_parts = parts.get(readout.pk, [])
    return page


def _shared(person, readouts):
    person.shared = readouts
    return person

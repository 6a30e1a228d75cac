from django.shortcuts import render

from .. import caching, queries
from ..cards import readout_cards
from ..commitment_lists import open_commitments
from ..models import Readout

LATEST = 8
MOST_FREQUENT = 8
OPEN_COMMITMENTS = 8


def home(request):
    context = {
        "latest": readout_cards(Readout.objects.published().newest_first())[:LATEST],
        # Archive-wide aggregates: seconds at 100,000 readouts, so computed once per edition.
        "size": caching.figures("archive-size", queries.archive_size),
        "people": caching.figures("people", lambda: list(queries.most_frequent_people(MOST_FREQUENT))),
        "countries": caching.figures("countries", lambda: queries.most_frequent_countries(MOST_FREQUENT)),
        "topics": caching.figures("topics", lambda: queries.most_frequent_topics(MOST_FREQUENT)),
        "open_commitments": open_commitments(OPEN_COMMITMENTS),
    }
    return render(request, "readouts/home.html", context)

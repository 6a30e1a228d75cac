from django.shortcuts import render

from .. import caching, figures
from ..cards import readout_cards
from ..commitment_lists import open_commitments
from ..models import Readout

LATEST = 8
MOST_FREQUENT = 8
OPEN_COMMITMENTS = 8


def home(request):
    context = {
        "latest": readout_cards(Readout.objects.published().newest_first())[:LATEST],
        # Archive-wide figures, from the count tables; cached per edition all the same.
        "size": caching.figures("archive-size", figures.archive_size),
        "people": caching.figures("people", lambda: figures.most_frequent_people(MOST_FREQUENT)),
        "countries": caching.figures("countries", lambda: figures.most_frequent_countries(MOST_FREQUENT)),
        "topics": caching.figures("topics", lambda: figures.most_frequent_topics(MOST_FREQUENT)),
        "open_commitments": open_commitments(OPEN_COMMITMENTS),
    }
    return render(request, "readouts/home.html", context)

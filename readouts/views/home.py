from django.shortcuts import render

from .. import queries
from ..models import Readout

LATEST = 8
MOST_FREQUENT = 8
OPEN_COMMITMENTS = 8


def home(request):
    context = {
        "latest": queries.readout_cards(Readout.objects.published().newest_first())[:LATEST],
        "size": queries.archive_size(),
        "people": queries.most_frequent_people(MOST_FREQUENT),
        "countries": queries.most_frequent_countries(MOST_FREQUENT),
        "topics": queries.most_frequent_topics(MOST_FREQUENT),
        "open_commitments": queries.open_commitments()[:OPEN_COMMITMENTS],
    }
    return render(request, "readouts/home.html", context)

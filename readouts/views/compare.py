"""Two statements of one readout side by side (readouts/comparison.py does the comparing)."""

import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from .. import comparison, origin
from ..models import Readout, Source, Statement
from .moved import moved_or_404


class Unanswerable(Exception):
    """A request this page cannot answer with a comparison: its status and what to tell the reader."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def chosen_statements(request, statements):
    """The two statements `?a=` and `?b=` name among the readout's, in that order.

    A malformed request is a 400 (a choice missing, not a number, the same statement twice); a
    number that is no statement of this readout (unknown, or another readout's) is a 404."""
    raw = [request.GET.get("a", ""), request.GET.get("b", "")]
    if not all(raw):
        raise Unanswerable(400, "Choose two statements to compare.")
    if not all(value.isascii() and value.isdigit() for value in raw):
        raise Unanswerable(400, "Statements are chosen by their number.")
    # Compared as text: int() refuses numbers of more than 4,300 digits.
    ids = [value.lstrip("0") or "0" for value in raw]
    by_id = {str(statement.pk): statement for statement in statements}
    missing = [pk for pk in ids if pk not in by_id]
    if missing:
        raise Unanswerable(404, f"This readout has no statement numbered {' or '.join(dict.fromkeys(missing))}.")
    if ids[0] == ids[1]:
        raise Unanswerable(400, "Choose two different statements.")
    return by_id[ids[0]], by_id[ids[1]]


def readout_compare(request, year, month, day, slug):
    """Three queries: the readout, its statements with their issuers, and their sources."""
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise Http404("No such date.")
    try:
        readout = Readout.objects.published().only("pk", "date", "slug", "title", "status").get(date=date, slug=slug)
    except Readout.DoesNotExist:
        return moved_or_404(request, "readout", suffix="compare/")
    statements = list(
        Statement.objects.filter(readout=readout)
        .select_related("issuer")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.only("pk", "name", "url")))
        .defer("note", "cites")
    )
    context = {"readout": readout, "statements": statements}
    try:
        left, right = chosen_statements(request, statements)
    except Unanswerable as refusal:
        context.update(message=refusal.message, chosen=[request.GET.get("a", ""), request.GET.get("b", "")])
        return render(request, "readouts/compare.html", context, status=refusal.status)
    context.update(
        left=left,
        right=right,
        chosen=[str(left.pk), str(right.pk)],
        comparison=comparison.compare(left.paragraphs, right.paragraphs),
        canonical=origin.absolute(comparison.compare_url(readout, left, right)),
        shingle=comparison.SHINGLE,
        max_words=comparison.MAX_WORDS,
    )
    return render(request, "readouts/compare.html", context)

"""Two statements of one readout side by side (readouts/comparison.py does the comparing)."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from .. import comparison, origin, statement_texts
from ..models import Readout, Source, Statement
from .moved import moved_or_404


class Unanswerable(Exception):
    """A request this page cannot answer with a comparison: its status and what to tell the reader."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


# "12": statement 12's current text; "12v1": its first (earlier) text.
TOKEN = re.compile(r"([0-9]+)(?:v([0-9]+))?")


@dataclass
class Chosen:
    """One side of the comparison: a statement, and which of its texts (None: its only one)."""

    statement: Statement
    version: statement_texts.Version | None = None

    @property
    def token(self):
        return self.version.token if self.version else str(self.statement.pk)

    @property
    def paragraphs(self):
        return self.version.paragraphs if self.version else self.statement.paragraphs


def chosen_texts(request, statements):
    """The two texts `?a=` and `?b=` name among the readout's statements, in that order.

    A malformed request is a 400 (a choice missing or malformed, the same text twice); a number
    that is no statement of this readout (unknown, or another readout's), or no version of it,
    is a 404. Numbers are compared as text: int() refuses numbers of more than 4,300 digits."""
    raw = [request.GET.get("a", ""), request.GET.get("b", "")]
    if not all(raw):
        raise Unanswerable(400, "Choose two statements to compare.")
    matches = [TOKEN.fullmatch(value) for value in raw]
    if not all(matches):
        raise Unanswerable(400, "Statements are chosen by their number, an earlier text by its version: 12, or 12v1.")
    by_id = {str(statement.pk): statement for statement in statements}
    chosen = []
    for match in matches:
        pk, number = match[1].lstrip("0") or "0", match[2] and (match[2].lstrip("0") or "0")
        statement = by_id.get(pk)
        if statement is None:
            raise Unanswerable(404, f"This readout has no statement numbered {pk}.")
        texts = statement_texts.versions(statement)
        if number is None:
            chosen.append(Chosen(statement, texts[-1] if texts else None))
            continue
        version = next((text for text in texts if str(text.number) == number), None)
        if version is None:
            raise Unanswerable(404, f"Statement {pk} has no version {number}.")
        chosen.append(Chosen(statement, version))
    if chosen[0].token == chosen[1].token:
        raise Unanswerable(400, "Choose two different statements, or two versions of one.")
    return chosen


def readout_compare(request, year, month, day, slug):
    """Five queries: the readout, its statements with their issuers, their sources, earlier texts
    and translations."""
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
        .select_related("issuer", "text_source")
        .prefetch_related(
            Prefetch("sources", queryset=Source.objects.only("pk", "name", "url")),
            # Earlier texts and translations: two queries.
            *statement_texts.prefetches(""),
        )
        .defer("note", "cites")
    )
    for statement in statements:
        statement.texts = statement_texts.versions(statement)
    context = {"readout": readout, "statements": statements}
    try:
        left, right = chosen_texts(request, statements)
    except Unanswerable as refusal:
        context.update(message=refusal.message, chosen=[request.GET.get("a", ""), request.GET.get("b", "")])
        return render(request, "readouts/compare.html", context, status=refusal.status)
    context.update(
        left=left.statement,
        right=right.statement,
        left_version=left.version,
        right_version=right.version,
        chosen=[left.token, right.token],
        canonical=origin.absolute(comparison.compare_url(readout, left.token, right.token)),
        shingle=comparison.SHINGLE,
        max_words=comparison.MAX_WORDS,
    )
    if left.statement == right.statement:
        # Two texts of one statement: what its publisher changed, word by word.
        context.update(
            diff=comparison.word_diff(left.paragraphs, right.paragraphs),
            summary=comparison.change_summary(left.paragraphs, right.paragraphs),
        )
    else:
        context["comparison"] = comparison.compare(left.paragraphs, right.paragraphs)
    return render(request, "readouts/compare.html", context)

"""Snippets: for each readout found, the statement paragraph that best matches the search, a few
dozen words of it with <mark> around the matches, and the paragraph's address on the page.

The engines mark matches with two private-use characters that the archive's text never holds
(documents.clean, postgres.REPLACEMENT). The text between them is escaped here and only here,
and the <mark> tags come from format_html, so no stored or typed text reaches the page unescaped.
"""

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from ..models import Statement, StatementKind
from ..models.statements import split_paragraphs, usable_ids

START, STOP = "\ue000", "\ue001"
WORDS_BEFORE = 12
WORDS = 40


@dataclass(frozen=True)
class Snippet:
    html: str
    statement_id: int
    paragraph: int
    issuer: str
    kind: str
    number: int = 0  # the paragraph's number in its anchor (Statement.numbered_paragraphs)

    @property
    def anchor(self):
        return f"s{self.statement_id}-p{self.number or self.paragraph}"  # as templates/readouts/_statement.html

    @property
    def kind_label(self):
        return StatementKind(self.kind).label if self.kind in StatementKind.values else self.kind


def best_snippets(rows):
    """{readout id: Snippet} from (readout id, statement id, issuer, kind, highlighted body) rows
    in page order; a readout none of whose paragraphs has a match gets none."""
    best, counts = {}, {}
    for readout_id, statement_id, issuer, kind, body in rows:
        paragraphs = split_paragraphs(body)
        counts[statement_id] = len(paragraphs)
        for number, paragraph in enumerate(paragraphs, start=1):
            score = _score(paragraph)
            if score > best.get(readout_id, ((0, 0),))[0]:  # the first of equals wins
                best[readout_id] = (score, statement_id, number, issuer, kind, paragraph)
    numbers = _paragraph_numbers({statement_id: counts[statement_id] for _, statement_id, *_ in best.values()})
    return {
        readout_id: Snippet(
            _window(paragraph), statement_id, number, issuer, kind, numbers.get(statement_id, {}).get(number, number)
        )
        for readout_id, (_, statement_id, number, issuer, kind, paragraph) in best.items()
    }


def _paragraph_numbers(counts):
    """{statement id: {position: number in the anchor}} for statements of {id: paragraph count},
    in one query (none when no snippet was found); positions stand where the ids do not fit."""
    if not counts:
        return {}
    stored = Statement.objects.filter(pk__in=counts).values_list("pk", "paragraph_ids")
    return {
        pk: dict(enumerate(ids, start=1)) for pk, ids in stored if usable_ids(ids, counts[pk])
    }


def _score(paragraph):
    """Different matched words first, then matches."""
    marked = [part.partition(STOP)[0].lower() for part in paragraph.split(START)[1:]]
    return (len(set(marked)), len(marked))


def _window(paragraph):
    """About WORDS words around the first match, as HTML."""
    words = paragraph.split()
    first = next(index for index, word in enumerate(words) if START in word)
    begin = max(0, first - WORDS_BEFORE)
    end = min(len(words), begin + WORDS)
    while end < len(words) and " ".join(words[begin:end]).count(START) > " ".join(words[begin:end]).count(STOP):
        end += 1  # never cut a match in two
    text = " ".join(words[begin:end])
    return mark_safe(("… " if begin else "") + highlighted_html(text) + (" …" if end < len(words) else ""))


def highlighted_html(text):
    """Escaped text with <mark> where the engine marked a match; stray markers are dropped."""
    before, *marked = text.split(START)
    parts = [escape(before.replace(STOP, ""))]
    for chunk in marked:
        match, _, after = chunk.partition(STOP)
        parts.append(format_html("<mark>{}</mark>{}", match, after.replace(STOP, "")))
    return mark_safe("".join(parts))

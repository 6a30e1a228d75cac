"""Two texts of one readout side by side (readouts/comparison.py does the comparing): two
statements, two versions of one (a word diff), or a text beside its translation."""

import datetime
import re
from dataclasses import dataclass
from itertools import zip_longest

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from .. import comparison, origin, statement_texts
from ..models import Readout, Source, Statement, StatementTranslation
from ..templatetags.readouts_tags import language_name
from .moved import moved_or_404


class Unanswerable(Exception):
    """A request this page cannot answer with a comparison: its status and what to tell the reader."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


# "12": statement 12's current text; "12v1": its first (earlier) text; "12-en", "12v1-en": their
# translations into English (a text has at most one translation per language, so the language
# names it). Languages are BCP 47 codes, as the translations' own validator has them.
TOKEN = re.compile(r"([0-9]+)(?:v([0-9]+))?(?:-([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*))?")


@dataclass
class Chosen:
    """One side of the comparison: a statement, which of its texts (None: its only one), and
    that text's translation when the side is one."""

    statement: Statement
    version: statement_texts.Version | None = None
    translation: StatementTranslation | None = None

    @property
    def text_token(self):
        """The token of the text itself; for a translation, of the text it translates."""
        return self.version.token if self.version else str(self.statement.pk)

    @property
    def token(self):
        return self.translation.token if self.translation else self.text_token

    @property
    def original_paragraphs(self):
        """(anchor number, text) of each paragraph of the text itself (#s12-p3's 3)."""
        return self.version.numbered_paragraphs if self.version else self.statement.numbered_paragraphs

    @property
    def numbered_paragraphs(self):
        """(anchor number, text) of each paragraph; a translation's numbered like its original's."""
        if self.translation:
            return self.translation.numbered_paragraphs([number for number, _ in self.original_paragraphs])
        return self.original_paragraphs

    @property
    def paragraphs(self):
        return [paragraph for _, paragraph in self.numbered_paragraphs]

    @property
    def language(self):
        return self.translation.language if self.translation else self.statement.language


def _translation(statement, version, language):
    """The translation into `language` of the statement's text `version` (None: its only one),
    or None; the language as stored first, else in any case ("EN" finds "en")."""
    translations = version.translations if version else statement_texts.current_translations(statement)
    return next((t for t in translations if t.language == language), None) or next(
        (t for t in translations if t.language.lower() == language.lower()), None
    )


def chosen_texts(request, statements):
    """The two texts `?a=` and `?b=` name among the readout's statements, in that order.

    A malformed request is a 400 (a choice missing or malformed, the same text twice); a number
    that is no statement of this readout (unknown, or another readout's), no version of it, or a
    language it has no translation into is a 404. Numbers are compared as text: int() refuses
    numbers of more than 4,300 digits."""
    raw = [request.GET.get("a", ""), request.GET.get("b", "")]
    if not all(raw):
        raise Unanswerable(400, "Choose two statements to compare.")
    matches = [TOKEN.fullmatch(value) for value in raw]
    if not all(matches):
        raise Unanswerable(
            400, "Statements are chosen by their number, an earlier text by its version, a translation by its "
            "language: 12, 12v1, 12-en."
        )
    by_id = {str(statement.pk): statement for statement in statements}
    chosen = []
    for match in matches:
        pk, number, language = match[1].lstrip("0") or "0", match[2] and (match[2].lstrip("0") or "0"), match[3]
        statement = by_id.get(pk)
        if statement is None:
            raise Unanswerable(404, f"This readout has no statement numbered {pk}.")
        texts = statement_texts.versions(statement)
        if number is None:
            version = texts[-1] if texts else None
        else:
            version = next((text for text in texts if str(text.number) == number), None)
            if version is None:
                raise Unanswerable(404, f"Statement {pk} has no version {number}.")
        side = Chosen(statement, version)
        if language:
            side.translation = _translation(statement, version, language)
            if side.translation is None:
                raise Unanswerable(404, f"This text of statement {pk} has no translation into {language}.")
        chosen.append(side)
    if chosen[0].token == chosen[1].token:
        raise Unanswerable(400, "Choose two different statements, or two versions of one.")
    return chosen


def beside(left, right):
    """When one side is a translation of the other's very text: the paragraphs in rows, each
    ((number, text) or None, (number, text) or None), the n-th translated paragraph beside the
    n-th of the original; else None."""
    if left.statement != right.statement or left.text_token != right.text_token:
        return None
    if bool(left.translation) == bool(right.translation):
        return None
    return list(zip_longest(left.numbered_paragraphs, right.numbered_paragraphs))


_ASIDE = re.compile(r"\s*\([^()]*\)")


def _issuer(side):
    """The issuer as a title names it, without its asides (the column's head gives them) or a
    leading "The": "Kremlin (Press Service of the President of Russia)" → "Kremlin", "The White
    House" → "White House" ("White House and Kremlin accounts compared")."""
    name = _ASIDE.sub("", side.statement.issuer_name).strip() or side.statement.issuer_name
    return name[4:] if name.startswith("The ") else name


def _who(side, versioned=True):
    """A side in a few words: "White House readout", "Kremlin statement (version 1, English translation)"."""
    words = f"{_issuer(side)} {side.statement.get_kind_display().lower()}"
    which = []
    if versioned and side.version and not side.version.is_current:
        which.append(f"version {side.version.number}")
    if versioned and side.translation:
        which.append(f"{language_name(side.translation.language)} translation")
    return f"{words} ({', '.join(which)})" if which else words


def heading(left, right, mode):
    """The page's short title (and its <h1>): what is compared, naming each thing once."""
    if mode == "diff":
        return f"{_who(left, False)}: versions {left.version.number} and {right.version.number} compared"
    if mode == "beside":
        original, translation = (right, left) if left.translation else (left, right)
        return f"{_who(original)} and its {language_name(translation.language)} translation"
    if left.statement == right.statement and left.text_token == right.text_token:
        # Two translations of one text.
        return (
            f"{_who(left, False)}: {language_name(left.language)} and {language_name(right.language)} "
            "translations compared"
        )
    if any(side.translation or side.version and not side.version.is_current for side in (left, right)):
        return f"{_who(left)} and {_who(right)} compared"
    if _issuer(left) != _issuer(right):
        return f"{_issuer(left)} and {_issuer(right)} accounts compared"
    if left.statement.kind != right.statement.kind:
        kinds = [side.statement.get_kind_display().lower() for side in (left, right)]
        return f"{_issuer(left)} {kinds[0]} and {kinds[1]} compared"
    return f"Two {_issuer(left)} accounts compared"


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
        statement.translated = statement_texts.current_translations(statement)
    context = {"readout": readout, "statements": statements}
    try:
        left, right = chosen_texts(request, statements)
    except Unanswerable as refusal:
        context.update(message=refusal.message, chosen=[request.GET.get("a", ""), request.GET.get("b", "")])
        return render(request, "readouts/compare.html", context, status=refusal.status)
    mode = "diff" if left.statement == right.statement and not (left.translation or right.translation) else None
    rows = None if mode else beside(left, right)
    mode = mode or ("beside" if rows else "compare")
    context.update(
        left=left.statement,
        right=right.statement,
        left_version=left.version,
        right_version=right.version,
        left_translation=left.translation,
        right_translation=right.translation,
        left_language=left.language,
        right_language=right.language,
        chosen=[left.token, right.token],
        heading=heading(left, right, mode),
        canonical=origin.absolute(comparison.compare_url(readout, left.token, right.token)),
        shingle=comparison.SHINGLE,
        max_words=comparison.MAX_WORDS,
    )
    if mode == "diff":
        # Two texts of one statement: what its publisher changed, word by word.
        context.update(
            diff=comparison.word_diff(left.paragraphs, right.paragraphs),
            summary=comparison.change_summary(left.paragraphs, right.paragraphs),
        )
    elif mode == "beside":
        # A text and its translation: paragraph beside paragraph, nothing marked (two languages
        # share no passages).
        context["beside"] = rows
    else:
        context["comparison"] = comparison.compare(left.paragraphs, right.paragraphs)
    return render(request, "readouts/compare.html", context)

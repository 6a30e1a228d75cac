"""A statement's texts as readers see them: its earlier texts (versions 1, 2, ...) and its
current one (the last version), each with its translations, and what each change did (counted
by readouts/comparison.py, which also draws the word diff).

Everything here reads what prefetches() preloads, and runs no query of its own.
"""

import dataclasses
import datetime

from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from .comparison import change_summary
from .models import Readout, Source, Statement, StatementTranslation, StatementVersion
from .models.statements import split_paragraphs


def prefetches(prefix="statements__"):
    """The lookups that preload statements' versions and translations with their sources (two
    queries), and the current text's source (a third, where one is set; none when the
    statements are read with select_related("text_source")). `prefix` is the path to the
    statements ("" on a Statement queryset)."""
    return [
        f"{prefix}text_source",
        Prefetch(f"{prefix}versions", queryset=StatementVersion.objects.select_related("source")),
        Prefetch(f"{prefix}translations", queryset=StatementTranslation.objects.select_related("source")),
    ]


@dataclasses.dataclass
class Version:
    """One text of a statement: `number` from 1 (the first captured); the last is current."""

    statement: Statement
    number: int
    text: str
    seen_on: datetime.date | None
    source: Source | None
    note: str
    numbered_paragraphs: list
    translations: list
    is_current: bool = False
    # When the publisher replaced it (the next text's seen date); None for the current text.
    replaced_on: datetime.date | None = None

    @property
    def anchor(self):
        """#s12-v1, #s12-v2…: the current text carries its number too (beside the statement's
        own #s12), so that what cites it today still finds it once the publisher changes it again."""
        return f"{self.statement.anchor}-v{self.number}"

    @property
    def token(self):
        """How the comparison page's address names it: "12v1" for an earlier text, "12" for the current."""
        return str(self.statement.pk) if self.is_current else f"{self.statement.pk}v{self.number}"

    @property
    def paragraphs(self):
        return [paragraph for _, paragraph in self.numbered_paragraphs]


def versions(statement):
    """The statement's texts in order, the current one last; [] when it has no earlier text."""
    earlier = list(statement.versions.all())
    if not earlier:
        return []
    translations = {}
    for translation in statement.translations.all():
        translations.setdefault(translation.version_id, []).append(translation)
    texts = [
        Version(
            statement, number, version.text, version.seen_on, version.source, version.note,
            version.numbered_paragraphs, translations.get(version.pk, []),
        )
        for number, version in enumerate(earlier, 1)
    ]
    texts.append(
        Version(
            statement, len(earlier) + 1, statement.text, statement.text_seen_on, statement.text_source, "",
            statement.numbered_paragraphs, translations.get(None, []), is_current=True,
        )
    )
    for text, following in zip(texts, texts[1:]):
        text.replaced_on = following.seen_on
    return texts


def current_translations(statement):
    """The translations of the statement's current text."""
    return [translation for translation in statement.translations.all() if translation.version_id is None]


@dataclasses.dataclass
class Change:
    """The publisher replaced `before` by `after` (seen on `on`)."""

    statement: Statement
    before: Version
    after: Version

    @property
    def on(self):
        return self.after.seen_on

    @property
    def summary(self):
        return str(change_summary(split_paragraphs(self.before.text), split_paragraphs(self.after.text)))

    @property
    def headline(self):
        """"Changed by the White House on 20 March 2025: 2 sentences removed, 1 changed"."""
        when = f" on {self.on:%-d %B %Y}" if self.on else ""
        return f"Changed by {self.statement.issuer_name}{when}: {self.summary}"


def changes(statement):
    """Each change of the statement's text, oldest first."""
    texts = versions(statement)
    return [Change(statement, before, after) for before, after in zip(texts, texts[1:])]


def recent_changes(limit):
    """The newest `limit` changes of statements of published readouts, newest first (by the
    date the replacing text was seen), each a Change with its statement and readout: five
    queries at most, whatever the archive's size."""
    following = StatementVersion.objects.filter(statement=OuterRef("statement")).filter(
        Q(seen_on__gt=OuterRef("seen_on")) | Q(seen_on=OuterRef("seen_on"), pk__gt=OuterRef("pk"))
    )
    replaced_on = Coalesce(
        Subquery(following.order_by("seen_on", "pk").values("seen_on")[:1]), F("statement__text_seen_on")
    )
    rows = list(
        StatementVersion.objects.filter(statement__readout__status=Readout.Status.PUBLISHED)
        .annotate(replaced_on=replaced_on)
        .order_by(F("replaced_on").desc(nulls_last=True), "-pk")
        .values_list("pk", "statement")[:limit]
    )
    statements = Statement.objects.select_related("readout").prefetch_related(*prefetches(""))
    statements = statements.in_bulk({statement for _, statement in rows})
    found = []
    for pk, statement_pk in rows:
        statement = statements[statement_pk]
        i = [version.pk for version in statement.versions.all()].index(pk)
        texts = versions(statement)
        found.append(Change(statement, texts[i], texts[i + 1]))
    return found

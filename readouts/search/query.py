"""The search box's language, parsed once into a small tree that each engine compiles itself.

    ceasefire energy            both words (stemmed: "negotiate" finds "negotiations")
    "energy infrastructure"     the words together, in this order
    ceasefire truce OR pause    ceasefire, and truce or pause (OR, in any case, binds the terms
                                either side)
    -kursk  -"black sea"        without the word, without the phrase

Nothing the reader types is ever engine syntax: a term keeps the reader's own word (each engine
splits it as it split the archive's text), and the engines receive it as a bound string. What
cannot be searched is dropped and reported, never an error: unbalanced quotes close at the end,
lone operators and punctuation are ignored, common words ("the", "of") are left out as
PostgreSQL's English configuration leaves them out, so that both engines answer alike.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARACTERS = 200
MAX_TERMS = 16

# PostgreSQL's english.stop (the Snowball list), which its 'english' configuration drops.
STOPWORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the and
    but if or because as until while of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor not only own
    same so than too very s t can will just don should now
    """.split()
)

# A quoted phrase (closed, or running to the end of the input), or a run of other characters.
_TOKEN = re.compile(r'(-*)"([^"]*)"?|(\S+)')
_WORD_PART = re.compile(r"[^\W_]+")
# Control characters (NUL among them: PostgreSQL refuses it) and the snippet markers.
_UNSEARCHABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ue000\ue001]")


@dataclass(frozen=True)
class Term:
    """One word, or a phrase: several words that must appear together and in this order."""

    words: tuple[str, ...]

    @property
    def is_phrase(self):
        return len(self.words) > 1

    def __str__(self):
        text = " ".join(self.words)
        return f'"{text}"' if self.is_phrase else text


@dataclass(frozen=True)
class Query:
    """All of `required` must match (each clause by any one of its terms); none of `excluded`."""

    text: str = ""
    required: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    common_words: tuple[str, ...] = ()
    other_spellings: tuple[Term, ...] = ()  # added by names.with_other_spellings
    shortened: bool = False
    terms_dropped: bool = False

    @property
    def is_searchable(self):
        return bool(self.required)

    @property
    def positive_terms(self):
        return tuple(term for clause in self.required for term in clause)


def parse(text):
    text = unicodedata.normalize("NFKC", _UNSEARCHABLE.sub(" ", text or ""))
    text = " ".join(text.split())
    shortened = len(text) > MAX_CHARACTERS
    text = text[:MAX_CHARACTERS]

    items = []  # (excluded, term) and the OR marker, in order
    common = []
    for match in _TOKEN.finditer(text):
        dashes, phrase, bare = match.groups()
        if phrase is not None:
            excluded, words = bool(dashes), phrase.split()
        elif bare.upper() == "OR":
            items.append("OR")
            continue
        else:
            excluded, words = bare.startswith("-"), [bare.lstrip("-")]
        words = [_trim(word) for word in words]
        words = [word for word in words if word]
        if not words:
            continue  # punctuation, a lone "-", empty quotes
        if all(_is_common(word) for word in words):
            common.extend(word.lower() for word in words)
            continue
        items.append((excluded, Term(tuple(words))))

    required, excluded, count, dropped = [], [], 0, False
    for index, item in enumerate(items):
        if item == "OR":
            continue
        if count == MAX_TERMS:
            dropped = True
            break
        count += 1
        is_excluded, term = item
        if is_excluded:
            excluded.append(term)
        elif _joined_by_or(items, index):
            required[-1] = (*required[-1], term)
        else:
            required.append((term,))
    return Query(
        text=text,
        required=tuple(required),
        excluded=tuple(excluded),
        common_words=tuple(dict.fromkeys(common)),
        shortened=shortened,
        terms_dropped=dropped,
    )


def _trim(word):
    """The word without the punctuation around it ("(Kursk)," → "Kursk"); '' if none is left."""
    parts = list(_WORD_PART.finditer(word))
    return word[parts[0].start() : parts[-1].end()] if parts else ""


def _is_common(word):
    return all(part.lower() in STOPWORDS for part in _WORD_PART.findall(word))


def _joined_by_or(items, index):
    """Whether an OR (or several) joins this positive term to the positive term before it."""
    previous = index - 1
    if previous < 0 or items[previous] != "OR":
        return False
    while previous >= 0 and items[previous] == "OR":
        previous -= 1
    return previous >= 0 and not items[previous][0]

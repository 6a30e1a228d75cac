"""Other spellings of names: a term that is one of a person's or an organization's spellings
(Person.alternate_names, Organization.alternate_names) also finds the others, wherever they
appear, so that "Zelensky", "Zelenskiy" and "Zelenskyy" find the same readouts, including those
whose statements merely mention him. For a person, the last word of each spelling (the surname)
counts as a spelling too.
"""

import re
from dataclasses import replace
from functools import reduce
from operator import or_

from django.db.models import Q, Value

from ..models import Organization, Person
from ..models.entities import split_names
from .query import Term

MAX_SPELLINGS = 8
_WORD = re.compile(r"[^\W_]+")


def _key(words):
    return tuple(part.lower() for word in words for part in _WORD.findall(word))


def _holds(key, other):
    """Whether the words of `other` appear together in `key`."""
    return any(key[start : start + len(other)] == other for start in range(len(key) - len(other) + 1))


def _spellings(kind, name, alternate_names):
    """{key: Term} for every spelling of one person or organization."""
    spellings = {}
    for spelling in [name, *split_names(alternate_names)]:
        words = spelling.split()
        candidates = [words, words[-1:]] if kind == "person" else [words]
        for candidate in candidates:
            if _key(candidate):
                spellings.setdefault(_key(candidate), Term(tuple(candidate)))
    return spellings


def with_other_spellings(query):
    """The query with each term that spells a name widened to all of that name's spellings.

    One query over people and organizations, whatever the number of terms.
    """
    terms = {_key(term.words): term for term in (*query.positive_terms, *query.excluded)}
    # Candidates: a name ending with a term's last word, or other names holding it (few have any).
    candidates = reduce(
        or_,
        (
            Q(name__iexact=key[-1]) | Q(name__iendswith=f" {key[-1]}") | Q(alternate_names__icontains=key[-1])
            for key in terms
        ),
    )
    people = Person.objects.public().filter(candidates).order_by()
    organizations = Organization.objects.public().filter(candidates).order_by()
    rows = people.values_list(Value("person"), "name", "alternate_names").union(
        organizations.values_list(Value("organization"), "name", "alternate_names")
    )
    widened = {}
    for kind, name, alternate_names in rows:
        spellings = _spellings(kind, name, alternate_names)
        for key in terms.keys() & spellings.keys():
            widened.setdefault(key, {key: terms[key]}).update(spellings)
    if not widened:
        return query

    def widen(term):
        spellings = widened.get(_key(term.words), {_key(term.words): term})
        # A spelling that holds another ("Volodymyr Zelenskyy", "Zelenskyy") adds nothing to it.
        return tuple(
            spelling
            for key, spelling in spellings.items()
            if not any(other != key and _holds(key, other) for other in spellings)
        )[:MAX_SPELLINGS]

    required = tuple(tuple(dict.fromkeys(t for term in clause for t in widen(term))) for clause in query.required)
    excluded = tuple(dict.fromkeys(t for term in query.excluded for t in widen(term)))
    added = {_key(t.words): t for t in (*(t for clause in required for t in clause), *excluded)}
    return replace(
        query,
        required=required,
        excluded=excluded,
        other_spellings=tuple(term for key, term in added.items() if key not in terms),
    )

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
    if not terms:
        return query
    last_words = {key[-1] for key in terms if key}
    people = Person.objects.filter(
        reduce(or_, (Q(name__icontains=word) | Q(alternate_names__icontains=word) for word in last_words))
    )
    organizations = Organization.objects.filter(
        reduce(or_, (Q(name__icontains=word) | Q(alternate_names__icontains=word) for word in last_words))
    )
    rows = (
        people.order_by()
        .values_list(Value("person"), "name", "alternate_names")
        .union(organizations.order_by().values_list(Value("organization"), "name", "alternate_names"))
    )
    widened = {}
    for kind, name, alternate_names in rows:
        spellings = _spellings(kind, name, alternate_names)
        for key in terms.keys() & spellings.keys():
            widened.setdefault(key, {key: terms[key]}).update(spellings)
    if not widened:
        return query

    def widen(term):
        return tuple(widened.get(_key(term.words), {None: term}).values())[:MAX_SPELLINGS]

    required = tuple(tuple(dict.fromkeys(t for term in clause for t in widen(term))) for clause in query.required)
    excluded = tuple(dict.fromkeys(t for term in query.excluded for t in widen(term)))
    typed = {_key(term.words) for term in (*query.positive_terms, *query.excluded)}
    others = {_key(t.words): t for clause in required for t in clause} | {_key(t.words): t for t in excluded}
    return replace(
        query,
        required=required,
        excluded=excluded,
        other_spellings=tuple(term for key, term in others.items() if key not in typed),
    )

"""The search box's language: one parser, a small tree, compiled for each engine without ever
passing the reader's text as engine syntax; hostile input is a sensible search or a clear note."""

import pytest
from django.db import connection

from readouts.models import Readout
from readouts.search import parse, postgres, search, snippets, sqlite
from readouts.search.index import rebuild
from readouts.search.query import MAX_CHARACTERS, MAX_TERMS, Term
from tests.factories import make_readout, make_statement


def terms(*clauses):
    """required clauses written as lists of words or tuples (phrases)."""
    return tuple(tuple(Term(t if isinstance(t, tuple) else (t,)) for t in clause) for clause in clauses)


@pytest.mark.parametrize(
    "text, required, excluded",
    [
        ("ceasefire energy", [["ceasefire"], ["energy"]], []),
        ('"energy infrastructure"', [[("energy", "infrastructure")]], []),
        ("ceasefire truce OR pause", [["ceasefire"], ["truce", "pause"]], []),
        ("truce or pause", [["truce", "pause"]], []),
        ("truce OR pause OR halt", [["truce", "pause", "halt"]], []),
        ("ceasefire -Kursk", [["ceasefire"]], ["Kursk"]),
        ('ceasefire -"Black Sea"', [["ceasefire"]], [("Black", "Sea")]),
        ("--Kursk ceasefire", [["ceasefire"]], ["Kursk"]),
        ("(Kursk), ceasefire!", [["Kursk"], ["ceasefire"]], []),
        ("Zelenskyy's U.S.", [["Zelenskyy's"], ["U.S"]], []),
        ('"unbalanced quote', [[("unbalanced", "quote")]], []),
        ('"" ceasefire', [["ceasefire"]], []),
        ("OR ceasefire OR", [["ceasefire"]], []),
        ("truce OR OR pause", [["truce", "pause"]], []),
        ("truce OR -pause", [["truce"]], ["pause"]),
        ("-truce OR pause", [["pause"]], ["truce"]),
        ("the ceasefire of", [["ceasefire"]], []),
    ],
)
def test_parse(text, required, excluded):
    query = parse(text)
    assert query.required == terms(*required)
    assert query.excluded == tuple(Term(t if isinstance(t, tuple) else (t,)) for t in excluded)


def test_common_words_are_left_out_and_reported():
    query = parse("The talks of Riyadh")
    assert query.required == terms(["talks"], ["Riyadh"])
    assert query.common_words == ("the", "of")


def test_only_exclusions_is_not_searchable_but_keeps_them():
    query = parse("-Kursk -\"Black Sea\"")
    assert not query.is_searchable
    assert len(query.excluded) == 2


def test_long_input_is_cut_and_says_so():
    query = parse("ceasefire " * 50)
    assert query.shortened and len(query.text) == MAX_CHARACTERS
    query = parse(" ".join(f"word{n}" for n in range(MAX_TERMS + 5)))
    assert query.terms_dropped and len(query.required) == MAX_TERMS


def test_control_characters_and_nul_are_dropped():
    assert parse("cease\x00fire\x07 talks").required == terms(["cease"], ["fire"], ["talks"])


def test_sqlite_terms_are_fts5_strings():
    query = parse('ceasefire truce OR "energy infrastructure" -Kursk NEAR(a b) x"y')
    assert sqlite.match_expression(query) == (
        '(("ceasefire") AND ("truce" OR "energy infrastructure") AND ("NEAR(a") AND ("b") AND ("x""y"))'
        ' NOT ("Kursk")'
    )


@pytest.mark.django_db
def test_postgresql_terms_are_bound_parameters_of_plainto_and_phraseto_tsquery():
    if connection.vendor != "postgresql":
        pytest.skip("compiles to PostgreSQL's SQL")
    query = parse('ceasefire "energy infrastructure" -Kursk')
    found = Readout.objects.filter(search_document__document=postgres.compile_query(query))
    sql, params = found.query.sql_with_params()
    assert "plainto_tsquery" in sql and "phraseto_tsquery" in sql and "!!" in sql
    assert "ceasefire" not in sql and "Kursk" not in sql
    assert {"ceasefire", "energy infrastructure", "Kursk"} <= set(params)


# Whatever the reader types, the engine answers: a search, or a note, never a database error.

HOSTILE = [
    "",
    " ",
    "OR",
    "-",
    "OR OR",
    "- - -",
    '"',
    '""',
    '"""',
    '"ceasefire',
    "!!! ??? ...",
    "NEAR(ceasefire energy, 2)",
    "ceasefire*",
    "^ceasefire",
    "title:ceasefire",
    "(ceasefire) AND (energy)",
    "ceasefire & energy | talks",
    "!ceasefire",
    "ceasefire <-> energy",
    "ceasefire <2> energy",
    "'ceasefire'",
    "ceasefire\\",
    "\\\\",
    "cease\x00fire",
    "\x00",
    "ceasefire; DROP TABLE readouts_readout; --",
    "%_%",
    "{ceasefire}",
    "ceasefire:*",
    "énergie café",
    "Зеленський",
    "停火",
    "🕊️ ceasefire",
    "a" * 1000,
    "ceasefire " * 100,
    "-ceasefire",
    '-"energy infrastructure"',
]


@pytest.mark.django_db
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_reaches_the_engine_as_syntax(text):
    readout = make_readout(title="Ceasefire talks")
    make_statement(readout, text="The ceasefire on energy infrastructure was discussed.")
    rebuild()
    query = parse(text)
    if not query.is_searchable:
        return
    found = search(Readout.objects.published(), query)
    ids = list(found.values_list("pk", flat=True))
    snippets(ids, query)
    assert found.count() == len(ids)

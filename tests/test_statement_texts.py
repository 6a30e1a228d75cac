"""A statement's texts as readers will see them (readouts/statement_texts.py): numbered versions
with their anchors, when each was replaced, translations aligned with their original's paragraph
anchors, all read from one preload."""

import datetime

import pytest

from readouts import statement_texts
from readouts.models import Statement
from tests.factories import make_readout, make_statement, make_translation, make_version

pytestmark = pytest.mark.django_db

DAY = [datetime.date(2025, 3, max(day, 1)) for day in range(32)]


@pytest.fixture
def statement():
    statement = make_statement(
        make_readout(), text="One.\n\nTwo, changed.", issuer_name="The White House", text_seen_on=DAY[21]
    )
    first = make_version(statement, text="One.\n\nTwo.\n\nThree.", seen_on=DAY[19], paragraph_ids=[1, 2, 4])
    make_version(statement, text="One.\n\nTwo.", seen_on=DAY[20])
    make_translation(statement, language="uk", text="Один.\n\nДва, змінено.")
    make_translation(statement, language="uk", text="Один.\n\nДва.\n\nТри.\n\nЗайве.", version=first)
    return statement


def preloaded(statement):
    return Statement.objects.prefetch_related(*statement_texts.prefetches("")).get(pk=statement.pk)


def test_versions_are_numbered_in_the_order_seen_the_current_text_last(statement, django_assert_num_queries):
    statement = preloaded(statement)
    with django_assert_num_queries(0):
        texts = statement_texts.versions(statement)
        changes = statement_texts.changes(statement)
    assert [(t.number, t.seen_on, t.replaced_on, t.is_current) for t in texts] == [
        (1, DAY[19], DAY[20], False),
        (2, DAY[20], DAY[21], False),
        (3, DAY[21], None, True),
    ]
    assert [t.anchor for t in texts] == [f"s{statement.pk}-v1", f"s{statement.pk}-v2", f"s{statement.pk}-v3"]
    assert texts[0].numbered_paragraphs == [(1, "One."), (2, "Two."), (4, "Three.")]
    assert [c.headline for c in changes] == [
        "Changed by The White House on 20 March 2025: 1 sentence removed",
        "Changed by The White House on 21 March 2025: 1 sentence changed",
    ]


def test_translations_take_their_originals_paragraph_numbers(statement):
    statement = preloaded(statement)
    texts = statement_texts.versions(statement)
    [of_first] = texts[0].translations
    [of_current] = statement_texts.current_translations(statement)
    assert of_first.anchor_prefix == f"s{statement.pk}-v1-uk"
    assert of_current.anchor_prefix == f"s{statement.pk}-uk"
    assert of_first.numbered_paragraphs([n for n, _ in texts[0].numbered_paragraphs]) == [
        (1, "Один."), (2, "Два."), (4, "Три."), (5, "Зайве.")
    ]


def test_a_statement_never_changed_has_no_versions(django_assert_num_queries):
    statement = preloaded(make_statement(make_readout(), text="Only."))
    with django_assert_num_queries(0):
        assert statement_texts.versions(statement) == []
        assert statement_texts.changes(statement) == []

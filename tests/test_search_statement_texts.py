"""Search finds words from every text of a statement: a sentence its publisher has since removed,
and its translations. Saving or deleting one refreshes the readout's document (readouts/derived.py)."""

import datetime

import pytest
from django.urls import reverse

from readouts.models import Readout, StatementTranslation, StatementVersion
from readouts.search import parse, search
from tests.factories import make_readout, make_statement

pytestmark = pytest.mark.django_db

SEEN = datetime.date(2025, 3, 19)


def found(text):
    return set(search(Readout.objects.published(), parse(text)).values_list("title", flat=True))


@pytest.fixture
def statement():
    readout = make_readout(title="Energy call")
    return make_statement(readout, text="They agreed on a pause.", text_seen_on=datetime.date(2025, 3, 20))


def test_a_sentence_the_publisher_removed_still_finds_the_readout(client, statement):
    assert found("patriot") == set()
    StatementVersion.objects.create(statement=statement, text="They agreed on a pause. Patriots were discussed.", seen_on=SEEN)

    assert found("patriot") == {"Energy call"}
    page = client.get(reverse("readouts:search"), {"q": "patriots"})
    assert "Energy call" in page.content.decode()


def test_a_translation_finds_the_readout(statement):
    StatementTranslation.objects.create(statement=statement, language="uk", kind="archive", text="Перемир'я енергетика")
    assert found("енергетика") == {"Energy call"}


def test_deleting_an_earlier_text_or_translation_takes_its_words_out(statement):
    version = StatementVersion.objects.create(statement=statement, text="Patriots were discussed.", seen_on=SEEN)
    translation = StatementTranslation.objects.create(statement=statement, language="fr", kind="archive", text="Trêve")
    version.delete()
    translation.delete()
    assert found("patriots") == set()
    assert found("trêve") == set()


def test_a_drafts_earlier_text_is_not_found():
    draft = make_readout(title="Secret call", status=Readout.Status.DRAFT)
    statement = make_statement(draft, text="Now.")
    StatementVersion.objects.create(statement=statement, text="Patriots.", seen_on=SEEN)
    assert found("patriots") == set()

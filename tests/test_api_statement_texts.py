"""The API's statement gives its earlier texts (numbered, with the date and source each was seen
at), the current text's seen date and source, and its translations; a draft's never appear."""

import datetime

import pytest
from django.urls import reverse

from readouts.models import Readout, Statement
from tests.factories import make_readout, make_source, make_statement, make_translation, make_version

pytestmark = pytest.mark.django_db


def test_a_statement_gives_its_earlier_texts_and_translations(client):
    readout = make_readout()
    statement = make_statement(readout, text="Now.", language="ru")
    source = make_source(name="Kremlin", url="https://kremlin.ru/first")
    first = make_version(statement, text="First.", seen_on=datetime.date(2025, 3, 18), source=source)
    make_version(statement, text="Second.", seen_on=datetime.date(2025, 3, 19), note="A figure changed.")
    Statement.objects.filter(pk=statement.pk).update(text_seen_on=datetime.date(2025, 3, 20))
    make_translation(statement, language="en", kind="official", text="Now, in English.", source=source)
    make_translation(statement, language="en", kind="third_party", text="First, in English.", version=first,
                     translator="A news agency")

    answer = client.get(reverse("api:readout-detail", args=[readout.pk])).json()

    [given] = answer["statements"]
    assert given["text_seen_on"] == "2025-03-20"
    assert given["text_source"] is None
    assert [(v["number"], v["text"], v["seen_on"], v["note"]) for v in given["versions"]] == [
        (1, "First.", "2025-03-18", ""),
        (2, "Second.", "2025-03-19", "A figure changed."),
    ]
    assert given["versions"][0]["source"]["url"] == "https://kremlin.ru/first"
    assert [(t["language"], t["kind"], t["version"], t["text"], t["translator"]) for t in given["translations"]] == [
        ("en", "official", None, "Now, in English.", ""),
        ("en", "third_party", 1, "First, in English.", "A news agency"),
    ]


def test_a_statement_never_changed_has_no_versions(client):
    readout = make_readout()
    make_statement(readout, text="Now.")
    [given] = client.get(reverse("api:readout-detail", args=[readout.pk])).json()["statements"]
    assert (given["versions"], given["translations"], given["text_seen_on"]) == ([], [], None)


def test_a_drafts_earlier_texts_and_translations_are_not_served(client):
    draft = make_readout(status=Readout.Status.DRAFT)
    statement = make_statement(draft, text="Now.")
    make_version(statement, text="Zanzibarian first text.")
    make_translation(statement, text="Zanzibarian translation.")
    assert client.get(reverse("api:readout-detail", args=[draft.pk])).status_code == 404
    assert "Zanzibarian" not in client.get(reverse("api:readout-list")).content.decode()

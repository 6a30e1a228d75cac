"""A statement's earlier texts and translations on the readout page: what changed, each earlier
text under its own anchor, each translation with its language."""

import datetime
import re

import pytest

from readouts.models import Statement
from tests.factories import make_readout, make_source, make_statement, make_translation, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed():
    readout = make_readout(slug="changed-call")
    statement = make_statement(
        readout,
        issuer_name="The White House",
        text="The leaders spoke.\n\nThey agreed on a pause.",
        language="en",
    )
    make_version(
        statement,
        text="The leaders spoke.\n\nThey agreed on a pause. They discussed the Middle East.",
        seen_on=datetime.date(2025, 3, 18),
        source=make_source(name="whitehouse.gov", url="https://www.whitehouse.gov/first"),
    )
    Statement.objects.filter(pk=statement.pk).update(text_seen_on=datetime.date(2025, 3, 20))
    return readout, Statement.objects.get(pk=statement.pk)


def test_the_page_says_when_and_how_the_publisher_changed_a_statement(client, changed):
    readout, statement = changed
    html = client.get(readout.get_absolute_url()).content.decode()
    assert "Changed by The White House on 20 March 2025: 1 sentence removed." in html
    earlier = re.search(rf'<details class="statement__earlier" id="s{statement.pk}-v1">(.*?)</details>', html, re.S)
    assert earlier, "the earlier text has its own anchor"
    assert "as first published" in earlier.group(1) and "18 March 2025" in earlier.group(1)
    assert f'id="s{statement.pk}-v1-p2">They agreed on a pause. They discussed the Middle East.' in earlier.group(1)
    # The current text keeps its own paragraph anchors.
    assert f'id="s{statement.pk}-p2">They agreed on a pause.' in html


def test_a_statement_never_changed_shows_no_change(client):
    readout = make_readout(slug="unchanged")
    make_statement(readout, text="Only text.")
    html = client.get(readout.get_absolute_url()).content.decode()
    assert "Changed by" not in html and "statement__earlier" not in html


def test_a_translation_is_shown_in_its_language_with_paragraphs_numbered_like_the_original(client):
    readout = make_readout(slug="kremlin-call")
    statement = make_statement(
        readout, issuer_name="Kremlin", language="ru", text="Состоялся разговор.\n\nОбсуждена пауза."
    )
    make_translation(statement, language="en", kind="archive", text="A conversation took place.\n\nA pause was discussed.")
    html = client.get(readout.get_absolute_url()).content.decode()
    block = re.search(rf'<details class="statement__translation" id="s{statement.pk}-en">(.*?)</details>', html, re.S)
    assert block
    assert "English translation: the archive" in block.group(1)
    assert '<div class="statement__text" lang="en">' in block.group(1)
    assert f'id="s{statement.pk}-en-p2">A pause was discussed.' in block.group(1)
    # The original is marked as Russian.
    assert re.search(r'<blockquote class="statement__text statement__text--verbatim" lang="ru">', html)

"""Paragraph anchors (#s12-p3) keep pointing at their paragraph when an editor adds, removes or
edits another paragraph of the statement; search results link to those same anchors."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from readouts.models import Statement
from readouts.models.statements import carry_paragraph_ids
from readouts.search.index import rebuild
from tests.archive_helpers import load_sample
from tests.factories import make_readout, make_statement

pytestmark = pytest.mark.django_db

TEXT = "Alpha opens the call.\n\nBravo follows on energy.\n\nCharlie closes the call."


def anchors(client, statement):
    """{anchor: paragraph text} as the readout's page shows them, in the page's order."""
    html = client.get(statement.readout.get_absolute_url()).content.decode()
    found = re.findall(rf'<p id="s{statement.pk}-p(\d+)">(.*?) <a class="pilcrow" href="#s{statement.pk}-p\1"', html)
    return {int(number): text for number, text in found}


def test_a_new_statement_numbers_its_paragraphs_from_one_as_before(client):
    statement = make_statement(make_readout(), text=TEXT)
    assert anchors(client, statement) == {
        1: "Alpha opens the call.",
        2: "Bravo follows on energy.",
        3: "Charlie closes the call.",
    }
    assert (statement.paragraph_ids, statement.last_paragraph_id) == ([1, 2, 3], 3)


def test_a_paragraph_inserted_before_shifts_no_anchor(client):
    statement = make_statement(make_readout(), text=TEXT)
    statement.text = "A new opening.\n\n" + TEXT
    statement.save()
    shown = anchors(client, statement)
    assert list(shown.items()) == [
        (4, "A new opening."),
        (1, "Alpha opens the call."),
        (2, "Bravo follows on energy."),
        (3, "Charlie closes the call."),
    ]


def test_an_edited_paragraph_keeps_its_anchor_and_so_do_the_others(client):
    statement = make_statement(make_readout(), text=TEXT)
    statement.text = TEXT.replace("energy.", "energy infrastructure, the Kremlin said.")
    statement.save()
    assert anchors(client, statement) == {
        1: "Alpha opens the call.",
        2: "Bravo follows on energy infrastructure, the Kremlin said.",
        3: "Charlie closes the call.",
    }


def test_a_removed_paragraphs_anchor_is_never_given_again(client):
    statement = make_statement(make_readout(), text=TEXT)
    statement.text = "Alpha opens the call.\n\nBravo follows on energy."
    statement.save()
    assert anchors(client, statement) == {1: "Alpha opens the call.", 2: "Bravo follows on energy."}
    statement.text += "\n\nDelta is new."
    statement.save()
    assert anchors(client, statement)[4] == "Delta is new."
    assert 3 not in anchors(client, statement)


def test_an_edit_next_to_an_insertion_keeps_the_edited_paragraphs_anchor():
    old = ["Alpha opens the call.", "Bravo follows on energy.", "Charlie closes."]
    new = ["Alpha opens the call.", "Inserted.", "Bravo follows on energy, it said.", "Charlie closes."]
    assert carry_paragraph_ids(old, [1, 2, 3], new, 3) == ([1, 4, 2, 3], 4)


def test_switching_from_summary_to_verbatim_text_gives_new_anchors(client):
    statement = make_statement(make_readout(), summary="They talked.\n\nThey agreed.")
    statement.text = "Verbatim one.\n\nVerbatim two."
    statement.save()
    assert list(anchors(client, statement)) == [3, 4]


def test_saving_only_other_fields_keeps_the_anchors():
    statement = make_statement(make_readout(), text=TEXT)
    statement.text = "New.\n\n" + TEXT
    statement.save()
    statement.title = "Readout of the call"
    statement.save(update_fields=["title"])
    statement.refresh_from_db()
    assert statement.paragraph_ids == [4, 1, 2, 3]


def test_rows_written_in_bulk_are_numbered_by_position_until_edited(client):
    readout = make_readout()
    (statement,) = Statement.objects.bulk_create(
        [Statement(readout=readout, kind="readout", issuer_name="Kremlin", language="ru", text=TEXT)]
    )
    assert statement.paragraph_ids == []
    assert list(anchors(client, statement)) == [1, 2, 3]  # as on the page before the edit
    statement.text = "New.\n\n" + TEXT
    statement.save()
    assert list(anchors(client, statement)) == [4, 1, 2, 3]


def test_ids_out_of_step_with_the_text_fall_back_to_positions(client):
    statement = make_statement(make_readout(), text=TEXT)
    Statement.objects.filter(pk=statement.pk).update(text="Only one paragraph now.")  # save() bypassed
    assert anchors(client, statement) == {1: "Only one paragraph now."}


def test_the_migration_gives_existing_statements_the_anchors_their_pages_showed():
    readout = make_readout()
    Statement.objects.bulk_create(
        [
            Statement(readout=readout, kind="readout", issuer_name="A", language="en", text=TEXT),
            Statement(readout=readout, kind="readout", issuer_name="B", language="en", summary="One\nTwo"),
        ]
    )
    migration = import_module("readouts.migrations.0007_former_addresses")
    migration.number_paragraphs(apps, type("SchemaEditor", (), {"connection": connection})())
    assert sorted(Statement.objects.values_list("paragraph_ids", "last_paragraph_id")) == [([1, 2], 2), ([1, 2, 3], 3)]


# Search results


def test_a_search_result_links_to_the_paragraphs_lasting_anchor(client):
    statement = make_statement(make_readout(), text=TEXT)
    statement.text = "A new opening.\n\n" + TEXT
    statement.save()
    rebuild()
    response = client.get("/search/", {"q": "energy"})
    snippet = response.context["page"][0].snippet
    assert snippet.anchor == f"s{statement.pk}-p2"  # Bravo's, though it is now the third paragraph
    assert f'#s{statement.pk}-p2"' in response.content.decode()
    assert anchors(client, statement)[2] == "Bravo follows on energy."


def test_a_search_with_snippets_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for n in range(3):
        make_statement(make_readout(), text=TEXT)
    rebuild()
    # spellings of names; the total, facets and page (one query); cards, principals, topics;
    # snippets; their anchors
    expected = 7 + (3 if connection.vendor == "postgresql" else 0)  # as test_search_page says
    with django_assert_num_queries(expected):
        response = client.get("/search/", {"q": "energy"})
    assert all(readout.snippet for readout in response.context["page"])


def test_the_sample_archive_loads_and_its_pages_number_paragraphs_by_position(client):
    load_sample()  # loaddata: no save(), so no ids
    statement = Statement.objects.filter(readout__status="published").exclude(text="").first()
    assert statement.paragraph_ids == []
    assert list(anchors(client, statement)) == list(range(1, len(statement.paragraphs) + 1))

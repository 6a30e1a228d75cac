"""Editors keep a publisher's earlier texts and add translations on the statement's screen: the
"publisher changed this text" switch keeps the stored text in the same save, the order and
difference of the texts are checked, and a refused save stores nothing."""

import datetime

import pytest

from readouts.models import Statement, StatementTranslation, StatementVersion
from tests.admin_helpers import change_url, form_data
from tests.factories import make_readout, make_source, make_statement

pytestmark = pytest.mark.django_db

FIRST = "The leaders spoke for an hour.\n\nThey agreed on a pause in strikes on energy.\n\nPatriot systems were discussed."
SECOND = "The leaders spoke for an hour.\n\nThey agreed on a pause in strikes on energy."
MARCH_19, MARCH_20 = datetime.date(2025, 3, 19), datetime.date(2025, 3, 20)


@pytest.fixture
def statement():
    readout = make_readout(date=MARCH_19)
    return make_statement(readout, text=FIRST, issuer_name="The White House", language="en")


def opened(client, statement):
    page = client.get(change_url(statement))
    assert page.status_code == 200
    return form_data(page)


def errors(response):
    """Every error on the page: the statement form's and each inline's, as text."""
    found = [str(response.context["adminform"].form.errors)]
    for inline in response.context["inline_admin_formsets"]:
        found += [str(inline.formset.non_form_errors()), *(str(form.errors) for form in inline.formset.forms)]
    return " ".join(found)


def add_row(data, prefix, **fields):
    """An inline row added as the admin's "Add another" does."""
    n = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for name, value in fields.items():
        data[f"{prefix}-{n}-{name}"] = [value]
    data[f"{prefix}-TOTAL_FORMS"] = [str(n + 1)]
    return data


def test_publisher_changed_keeps_the_stored_text_as_an_earlier_version(client, editor, statement):
    source = make_source(url="https://www.whitehouse.gov/briefings/readout")
    anchors_before = statement.paragraph_ids
    data = opened(client, statement)
    data.update(
        text=[SECOND],
        publisher_changed=["on"],
        earlier_seen_on=["2025-03-19"],
        text_seen_on=["2025-03-20"],
        text_source=[str(source.pk)],
    )

    response = client.post(change_url(statement), data)

    assert response.status_code == 302, errors(response)
    statement.refresh_from_db()
    assert statement.text == SECOND
    assert (statement.text_seen_on, statement.text_source) == (MARCH_20, source)
    [earlier] = statement.versions.all()
    assert (earlier.text, earlier.seen_on) == (FIRST, MARCH_19)
    assert earlier.paragraph_ids == anchors_before
    assert statement.paragraph_ids == anchors_before[:2]  # the current text keeps its anchors


def test_earlier_seen_date_defaults_to_the_day_the_statement_was_issued(client, editor, statement):
    page = client.get(change_url(statement))
    assert page.context["adminform"].form["earlier_seen_on"].value() == MARCH_19


def test_translations_of_the_replaced_text_move_with_it(client, editor, statement):
    translation = StatementTranslation.objects.create(statement=statement, language="uk", kind="archive", text="Лідери")
    data = opened(client, statement)
    data.update(text=[SECOND], publisher_changed=["on"], text_seen_on=["2025-03-20"])

    assert client.post(change_url(statement), data).status_code == 302

    translation.refresh_from_db()
    assert translation.version == statement.versions.get()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"text": [FIRST]}, "this is the text stored until now"),
        ({"text_seen_on": [""]}, "Say when the publisher&#x27;s new text was first seen"),
        ({"earlier_seen_on": [""]}, "Say when the text stored until now was first seen"),
        ({"earlier_seen_on": ["2025-03-21"]}, "an earlier text cannot be seen after the one that replaced it"),
    ],
)
def test_a_refused_change_stores_nothing(client, editor, statement, change, message):
    data = opened(client, statement)
    data.update({"text": [SECOND], "publisher_changed": ["on"], "text_seen_on": ["2025-03-20"], **change})

    response = client.post(change_url(statement), data)

    assert response.status_code == 200
    assert message in errors(response)
    statement.refresh_from_db()
    assert statement.text == FIRST and statement.text_seen_on is None
    assert not StatementVersion.objects.exists()


def test_a_statement_with_no_verbatim_text_has_nothing_to_keep(client, editor):
    statement = make_statement(make_readout(date=MARCH_19), summary="They spoke.")
    data = opened(client, statement)
    data.update(text=["They spoke at length."], publisher_changed=["on"], text_seen_on=["2025-03-20"])

    response = client.post(change_url(statement), data)

    assert "There is no stored verbatim text to keep" in errors(response)
    assert not StatementVersion.objects.exists()


def test_editor_pastes_an_earlier_text_in_the_inline(client, editor, statement):
    data = opened(client, statement)
    data["text_seen_on"] = ["2025-03-20"]
    add_row(data, "versions", text="The leaders spoke briefly.", seen_on="2025-03-18")

    assert client.post(change_url(statement), data).status_code == 302

    [earlier] = statement.versions.all()
    assert (earlier.text, earlier.seen_on) == ("The leaders spoke briefly.", datetime.date(2025, 3, 18))


@pytest.mark.parametrize(
    "row, seen, message",
    [
        ({"text": FIRST, "seen_on": "2025-03-18"}, "2025-03-20", "The same as the current text"),
        ({"text": "Briefly.", "seen_on": "2025-03-21"}, "2025-03-20", "cannot be seen after the one that replaced it"),
        ({"text": "Briefly.", "seen_on": "2025-03-18"}, "", "Say when the current text was first seen"),
        ({"text": "  ", "seen_on": "2025-03-18"}, "2025-03-20", "This field is required"),
    ],
)
def test_an_earlier_text_out_of_order_or_unchanged_is_refused(client, editor, statement, row, seen, message):
    data = opened(client, statement)
    data["text_seen_on"] = [seen]
    add_row(data, "versions", **row)

    response = client.post(change_url(statement), data)

    assert response.status_code == 200
    assert message in errors(response)
    assert not StatementVersion.objects.exists()
    statement.refresh_from_db()
    assert statement.text_seen_on is None


def test_two_earlier_texts_must_differ_from_each_other(client, editor, statement):
    data = opened(client, statement)
    data["text_seen_on"] = ["2025-03-20"]
    add_row(data, "versions", text="Briefly.", seen_on="2025-03-17")
    add_row(data, "versions", text="Briefly.", seen_on="2025-03-18")

    response = client.post(change_url(statement), data)

    assert "The same as earlier text 2" in errors(response)
    assert not StatementVersion.objects.exists()


def test_editor_adds_a_translation_of_the_current_text(client, editor, statement):
    data = opened(client, statement)
    add_row(data, "translations", language="uk", kind="official", text="Лідери говорили годину.")

    assert client.post(change_url(statement), data).status_code == 302

    translation = statement.translations.get()
    assert (translation.language, translation.kind, translation.version) == ("uk", "official", None)


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"language": "en", "kind": "archive", "text": "Again"}], "The statement is in this language already"),
        ([{"language": "uk", "kind": "third_party", "text": "Т"}], "Say whose translation it is"),
        ([{"language": "e n", "kind": "archive", "text": "Т"}], "Enter a language code"),
        (
            [{"language": "uk", "kind": "archive", "text": "Т"}, {"language": "uk", "kind": "official", "text": "Т"}],
            "already has a translation into this language",
        ),
    ],
)
def test_a_bad_translation_is_refused_and_nothing_is_stored(client, editor, statement, rows, message):
    data = opened(client, statement)
    for row in rows:
        add_row(data, "translations", **row)

    response = client.post(change_url(statement), data)

    assert response.status_code == 200
    assert message in errors(response)
    assert not StatementTranslation.objects.exists()


def test_publishers_texts_are_labelled_apart_from_the_editors_history(client, editor, statement):
    page = client.get(change_url(statement)).content.decode()
    assert "Publisher&#x27;s earlier texts" in page
    assert "not the editors&#x27; History" in page
    assert Statement.history.filter(id=statement.pk).exists()  # the editors' history, a different thing


@pytest.fixture
def changed_statement(statement):
    """A statement whose publisher replaced FIRST with SECOND on 20 March."""
    StatementVersion.objects.create(statement=statement, text=FIRST, seen_on=MARCH_19)
    statement.text, statement.text_seen_on = SECOND, MARCH_20
    statement.save()
    return statement


def readout_screen_errors(response):
    return " ".join(str(form.errors) for inline in response.context["inline_admin_formsets"] for form in inline.formset.forms)


@pytest.mark.parametrize(
    "text, message",
    [
        (FIRST, "The same as the current text: an earlier text differs from the one that replaced it."),
        ("", "A statement with earlier texts holds its current verbatim text."),
    ],
)
def test_the_readout_screen_checks_a_statement_text_against_its_earlier_texts(
    client, editor, changed_statement, text, message
):
    readout = changed_statement.readout
    data = opened(client, readout)
    data["statements-0-text"] = [text]

    response = client.post(change_url(readout), data)

    assert response.status_code == 200
    assert message in readout_screen_errors(response).replace("&#x27;", "'")
    changed_statement.refresh_from_db()
    assert changed_statement.text == SECOND


def test_the_readout_screen_saves_a_corrected_text_of_a_changed_statement(client, editor, changed_statement):
    readout = changed_statement.readout
    data = opened(client, readout)
    data["statements-0-text"] = [SECOND + "\n\nThe call ended at noon."]

    assert client.post(change_url(readout), data).status_code == 302

    changed_statement.refresh_from_db()
    assert changed_statement.text.endswith("The call ended at noon.")
    assert changed_statement.versions.count() == 1

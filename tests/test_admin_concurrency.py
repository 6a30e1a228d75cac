"""Two editors on one record: a save made on a form opened before the other's change is refused,
naming what changed, who changed it and when, with what the editor typed still on the form and
nothing stored; saves that overwrite nothing go through as before."""

import pytest

from readouts.models import Participant, Readout, Statement
from tests.admin_helpers import change_url, editor_client, form_data
from tests.factories import (
    make_commitment,
    make_discrepancy,
    make_organization,
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_source,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return editor_client("alice")


@pytest.fixture
def bob():
    return editor_client("bob")


def opened(client, obj):
    """The change form as the editor's browser holds it, ready to post."""
    page = client.get(change_url(obj))
    assert page.status_code == 200
    return form_data(page)


def save(client, obj, data):
    return client.post(change_url(obj), data)


def errors_of(response):
    form = response.context["adminform"].form
    return " ".join(form.non_field_errors())


def page_messages(response):
    return " ".join(str(message) for message in response.context["messages"])


def row(data, prefix, pk):
    """The index of the inline row holding the record pk, e.g. row(data, "statements", 12)."""
    return next(
        name.split("-")[1] for name, values in data.items() if name.startswith(f"{prefix}-") and name.endswith("-id")
        and values == [str(pk)]
    )


def test_a_save_on_a_form_opened_before_anothers_save_is_refused(alice, bob):
    readout = make_readout(location="Kyiv", duration="")
    bobs_form = opened(bob, readout)

    alices_form = opened(alice, readout)
    alices_form["location"] = ["Diriyah Palace, Riyadh"]
    assert save(alice, readout, alices_form).status_code == 302

    bobs_form["duration"] = ["about an hour"]
    response = save(bob, readout, bobs_form)

    assert response.status_code == 200
    error = errors_of(response)
    assert "alice changed this readout" in error
    assert "Location (now “Diriyah Palace, Riyadh”)" in error
    assert "Nothing was saved" in page_messages(response)
    # What Bob typed is still on the form; what he left alone now shows Alice's change.
    form = response.context["adminform"].form
    assert form["duration"].value() == "about an hour"
    assert form["location"].value() == "Diriyah Palace, Riyadh"
    readout.refresh_from_db()
    assert (readout.location, readout.duration) == ("Diriyah Palace, Riyadh", "")


def test_saving_again_after_reading_the_refusal_keeps_both_changes(alice, bob):
    readout = make_readout(location="Kyiv", duration="")
    bobs_form = opened(bob, readout)
    alices_form = opened(alice, readout)
    alices_form["location"] = ["Riyadh"]
    save(alice, readout, alices_form)
    bobs_form["duration"] = ["about an hour"]
    refused = save(bob, readout, bobs_form)

    assert save(bob, readout, form_data(refused)).status_code == 302

    readout.refresh_from_db()
    assert (readout.location, readout.duration) == ("Riyadh", "about an hour")


def test_a_field_both_changed_keeps_the_later_editors_entry_on_the_form(alice, bob):
    readout = make_readout(location="Kyiv")
    bobs_form = opened(bob, readout)
    alices_form = opened(alice, readout)
    alices_form["location"] = ["Riyadh"]
    save(alice, readout, alices_form)

    bobs_form["location"] = ["Jeddah"]
    response = save(bob, readout, bobs_form)

    assert "Location (now “Riyadh”), where the form keeps your entry" in errors_of(response)
    assert response.context["adminform"].form["location"].value() == "Jeddah"
    readout.refresh_from_db()
    assert readout.location == "Riyadh"


def test_statement_text_edited_on_its_own_page_refuses_the_readout_screen_opened_before(alice, bob):
    readout = make_readout(duration="")
    statement = make_statement(readout, text="The presidents spoke.")
    bobs_form = opened(bob, readout)

    alices_form = opened(alice, statement)
    alices_form["text"] = ["The presidents spoke for an hour.\r\n\r\nThey agreed on a ceasefire."]
    assert save(alice, statement, alices_form).status_code == 302

    bobs_form["duration"] = ["about an hour"]
    response = save(bob, readout, bobs_form)

    assert response.status_code == 200
    statements = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is Statement)
    index = int(row(bobs_form, "statements", statement.pk))
    error = " ".join(statements.forms[index].non_field_errors())
    assert "alice changed this statement" in error and "Text" in error
    assert "statement “Readout: The White House” (changed by alice" in page_messages(response)
    assert response.context["adminform"].form["duration"].value() == "about an hour"
    statement.refresh_from_db()
    readout.refresh_from_db()
    assert statement.text.startswith("The presidents spoke for an hour.")
    assert readout.duration == ""


def test_an_inline_row_deleted_since_the_form_opened_is_refused_clearly(alice, bob):
    readout = make_readout()
    kept, deleted = make_participant(readout, position=0), make_participant(readout, position=1)
    bobs_form = opened(bob, readout)

    alices_form = opened(alice, readout)
    alices_form[f"participants-{row(alices_form, 'participants', deleted.pk)}-DELETE"] = ["on"]
    assert save(alice, readout, alices_form).status_code == 302
    assert not Participant.objects.filter(pk=deleted.pk).exists()

    index = row(bobs_form, "participants", deleted.pk)
    bobs_form[f"participants-{index}-title"] = ["Special envoy"]
    bobs_form["duration"] = ["two hours"]
    response = save(bob, readout, bobs_form)

    assert response.status_code == 200
    participants = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is Participant
    )
    form = participants.forms[int(index)]
    assert "alice" in " ".join(form.non_field_errors())
    assert "deleted this participant" in " ".join(form.non_field_errors())
    assert "id" not in form.errors  # no bare "Select a valid choice" at a hidden field
    assert form["title"].value() == "Special envoy"
    assert list(readout.participants.all()) == [kept]
    readout.refresh_from_db()
    assert readout.duration == ""


def test_deleting_a_row_that_was_deleted_meanwhile_saves_the_rest(alice, bob):
    readout = make_readout(duration="")
    gone = make_participant(readout)
    bobs_form = opened(bob, readout)
    index = row(bobs_form, "participants", gone.pk)
    gone.delete()

    bobs_form[f"participants-{index}-DELETE"] = ["on"]
    bobs_form["duration"] = ["two hours"]
    assert save(bob, readout, bobs_form).status_code == 302
    readout.refresh_from_db()
    assert readout.duration == "two hours"


def test_deleting_a_row_changed_since_the_form_opened_is_refused(alice, bob):
    readout = make_readout()
    statement = make_statement(readout, text="Before.")
    bobs_form = opened(bob, readout)
    alices_form = opened(alice, statement)
    alices_form["text"] = ["After."]
    save(alice, statement, alices_form)

    bobs_form[f"statements-{row(bobs_form, 'statements', statement.pk)}-DELETE"] = ["on"]
    response = save(bob, readout, bobs_form)

    assert response.status_code == 200
    statements = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is Statement)
    assert "which alice" in " ".join(statements.non_form_errors())
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_an_unchanged_record_saves_as_before(bob):
    readout = make_readout(location="Kyiv")
    make_statement(readout, text="The presidents spoke.")
    make_participant(readout)
    data = opened(bob, readout)
    data["location"] = ["Riyadh"]

    assert save(bob, readout, data).status_code == 302
    readout.refresh_from_db()
    assert readout.location == "Riyadh"
    # And the screen saved once saves again from a fresh page.
    assert save(bob, readout, opened(bob, readout)).status_code == 302


def test_two_editors_on_two_readouts_both_save(alice, bob):
    first, second = make_readout(location="Kyiv"), make_readout(location="Kyiv")
    alices_form, bobs_form = opened(alice, first), opened(bob, second)
    alices_form["location"] = ["Riyadh"]
    bobs_form["location"] = ["Jeddah"]

    assert save(alice, first, alices_form).status_code == 302
    assert save(bob, second, bobs_form).status_code == 302
    assert list(Readout.objects.order_by("pk").values_list("location", flat=True)) == ["Riyadh", "Jeddah"]


def test_a_row_added_by_another_editor_is_not_a_conflict(alice, bob):
    readout = make_readout(duration="")
    make_participant(readout)
    bobs_form = opened(bob, readout)
    alices_form = opened(alice, readout)
    alices_form.update(
        {
            "participants-TOTAL_FORMS": [str(int(alices_form["participants-TOTAL_FORMS"][0]))],
            f"participants-{int(alices_form['participants-INITIAL_FORMS'][0])}-person": [str(make_person().pk)],
        }
    )
    assert save(alice, readout, alices_form).status_code == 302
    assert readout.participants.count() == 2

    bobs_form["duration"] = ["two hours"]
    assert save(bob, readout, bobs_form).status_code == 302
    readout.refresh_from_db()
    assert readout.duration == "two hours"
    assert readout.participants.count() == 2


def test_a_form_without_a_version_saves_nothing(bob):
    readout = make_readout(location="Kyiv")
    data = opened(bob, readout)
    del data["_version"]
    data["location"] = ["Riyadh"]

    response = save(bob, readout, data)

    assert "does not say which version" in errors_of(response)
    readout.refresh_from_db()
    assert readout.location == "Kyiv"


@pytest.mark.parametrize(
    "make, field, value",
    [
        (lambda: make_person(name="Marco Rubio"), "name", "Marco A. Rubio"),
        (lambda: make_organization(name="Kremlin"), "description", "The Russian presidency."),
        (lambda: make_topic(name="Ceasefire"), "description", "A pause in the fighting."),
        (lambda: make_source(name="UNN"), "note", "Read on the day."),
        (lambda: make_statement(make_readout(), text="Before."), "text", "After."),
        (lambda: make_commitment(make_readout(), description="Before."), "description", "After."),
        (lambda: make_discrepancy(make_readout(), subject="Before."), "subject", "After."),
    ],
    ids=["person", "organization", "topic", "source", "statement", "commitment", "discrepancy"],
)
def test_each_records_own_screen_refuses_a_stale_save(alice, bob, make, field, value):
    obj = make()
    bobs_form = opened(bob, obj)
    alices_form = opened(alice, obj)
    alices_form[field] = [value]
    assert save(alice, obj, alices_form).status_code == 302

    response = save(bob, obj, bobs_form)

    assert response.status_code == 200
    assert "alice changed" in errors_of(response)
    obj.refresh_from_db()
    assert getattr(obj, field) == value


@pytest.mark.parametrize(
    "version",
    ['{"id":"abc","at":"2025-01-01T00:00:00+00:00","fields":{}}', "[1]", '"x"', "{", '{"id":"1","at":"noon"}'],
)
def test_a_tampered_version_is_refused_without_an_error_page(bob, version):
    readout = make_readout(location="Kyiv")
    participant = make_participant(readout)
    data = opened(bob, readout)
    data["_version"] = [version]
    data[f"participants-{row(data, 'participants', participant.pk)}-_version"] = [version]
    data["participants-1-_version"] = [version]  # the empty row's
    data["location"] = ["Riyadh"]

    response = save(bob, readout, data)

    assert response.status_code == 200
    readout.refresh_from_db()
    assert readout.location == "Kyiv"


def update_of_a_commitment():
    update = make_update(make_commitment(make_readout()), note="Before.")
    return update.commitment, update


def quote_of_a_statement():
    quote = make_quote(make_statement(make_readout()), text="Before.")
    return quote.statement, quote


def version_of_a_discrepancy():
    discrepancy = make_discrepancy(make_readout(), versions=[("Before.", None)])
    return discrepancy, discrepancy.versions.get()


@pytest.mark.parametrize(
    "make, prefix, field",
    [
        (update_of_a_commitment, "updates", "note"),
        (quote_of_a_statement, "quotes", "text"),
        (version_of_a_discrepancy, "versions", "says"),
    ],
    ids=["commitment update", "quote", "discrepancy version"],
)
def test_each_records_own_inlines_refuse_a_stale_save(alice, bob, make, prefix, field):
    owner, row_record = make()
    bobs_form = opened(bob, owner)
    alices_form = opened(alice, owner)
    alices_form[f"{prefix}-{row(alices_form, prefix, row_record.pk)}-{field}"] = ["After."]
    assert save(alice, owner, alices_form).status_code == 302

    response = save(bob, owner, bobs_form)

    assert response.status_code == 200
    assert "changed by alice" in page_messages(response)
    row_record.refresh_from_db()
    assert getattr(row_record, field) == "After."

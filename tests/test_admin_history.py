"""Each record's history in the admin: every saved version with its editor, its time and the old
and new values of what changed, for the record and its inline rows; readable by editors, never
restored; and no past version written by raw loads or counted as archive content."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from readouts.models import ArchiveEdition, Readout, Statement
from tests.admin_helpers import change_url, editor_client, form_data
from tests.factories import make_participant, make_readout, make_statement

pytestmark = pytest.mark.django_db


def history_url(obj):
    return reverse(f"admin:readouts_{obj._meta.model_name}_history", args=[obj.pk])


def edit(client, obj, **values):
    data = form_data(client.get(change_url(obj)))
    data.update({name: [value] for name, value in values.items()})
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_history_shows_old_and_new_values_and_the_editor():
    alice = editor_client("alice")
    readout = make_readout(location="Kyiv")

    edit(alice, readout, location="Diriyah Palace, Riyadh")

    page = alice.get(history_url(readout))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kyiv" in html and "Diriyah Palace, Riyadh" in html
    assert "alice" in html
    latest = readout.history.first()
    assert latest.history_user.username == "alice"
    changes = latest.diff_against(latest.prev_record).changes
    assert [(c.field, c.old, c.new) for c in changes] == [("location", "Kyiv", "Diriyah Palace, Riyadh")]


def test_history_of_a_statements_text_shows_the_whole_old_and_new_text():
    alice = editor_client("alice")
    before = "The presidents spoke. " * 20
    statement = make_statement(make_readout(), text=before.strip())

    edit(alice, statement, text="The presidents spoke for an hour.")

    html = alice.get(history_url(statement)).content.decode()
    assert before.strip() in html
    assert "The presidents spoke for an hour." in html


def test_readout_history_lists_its_inline_rows_changes_including_deleted_rows():
    alice = editor_client("alice")
    readout = make_readout()
    participant = make_participant(readout, title="President")
    data = form_data(alice.get(change_url(readout)))
    index = next(n.split("-")[1] for n, v in data.items() if n.endswith("-id") and v == [str(participant.pk)])
    data[f"participants-{index}-title"] = ["Acting President"]
    assert alice.post(change_url(readout), data).status_code == 302

    page = alice.get(history_url(readout))
    section = dict(page.context["row_histories"])["participants"]
    assert [(r.history_type, r.history_user and r.history_user.username) for r in section] == [
        ("~", "alice"),
        ("+", None),  # made by the test's factory, outside any request
    ]
    assert [(c["field"], c["old"], c["new"]) for c in section[0].row_changes] == [
        ("Title", "President", "Acting President")
    ]

    data = form_data(alice.get(change_url(readout)))
    data[f"participants-{index}-DELETE"] = ["on"]
    assert alice.post(change_url(readout), data).status_code == 302
    section = dict(alice.get(history_url(readout)).context["row_histories"])["participants"]
    assert section[0].history_type == "-" and section[0].history_user.username == "alice"


def test_editors_may_read_history_but_not_restore_a_version():
    alice = editor_client("alice")
    readout = make_readout(location="Kyiv")
    edit(alice, readout, location="Riyadh")
    first = readout.history.last()
    version_url = reverse("admin:readouts_readout_simple_history", args=[readout.pk, first.history_id])

    assert alice.get(version_url).status_code == 200
    response = alice.post(version_url, {"location": "Kyiv"})

    assert response.status_code == 405
    readout.refresh_from_db()
    assert readout.location == "Riyadh"


def test_the_history_page_runs_the_same_queries_however_many_versions():
    alice = editor_client("alice")
    readout = make_readout()
    participant = make_participant(readout)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert alice.get(history_url(readout)).status_code == 200
        return len(captured)

    few = queries()
    for n in range(5):
        participant.title = f"Title {n}"
        participant.save()
        readout.duration = f"{n} hours"
        readout.save()
    assert queries() == few


def test_loaddata_writes_no_history():
    call_command("loaddata", "fixtures/sample_archive.json", verbosity=0)
    assert Readout.objects.exists()
    assert not Readout.history.exists() and not Statement.history.exists()


def test_past_versions_are_not_archive_content():
    """What walks the archive's models (edition signals, export, import) never meets a version."""
    assert hasattr(Readout.history.model, "instance_type")
    assert not [model for model in apps.get_app_config("readouts").get_models() if hasattr(model, "instance_type")]
    readout = make_readout()
    edition = ArchiveEdition.current()
    version = readout.history.get()
    version.history_change_reason = "checked"
    version.save()  # a save of a version alone, signals and all
    assert ArchiveEdition.current() == edition


def test_staff_outside_editors_cannot_read_history():
    readout = make_readout()
    outsider = Client()
    outsider.force_login(User.objects.create_user("outsider", is_staff=True))
    assert outsider.get(history_url(readout)).status_code == 403

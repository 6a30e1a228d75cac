"""What the admin refuses, said at the field with what to do: links that point forward in time,
a repeated participant or link, a row whose two dates disagree; and where an editor starts."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import django
import pytest
from django.urls import reverse

from readouts.models import Commitment, CommitmentUpdate, Participant, Readout, ReadoutLink, StatementVersion
from readouts.slugs import readable_slug
from tests.admin_helpers import add_readout, change_url, form_data, readout_fields
from tests.factories import make_commitment, make_link, make_participant, make_person, make_readout, make_statement

MARCH_19 = datetime.date(2025, 3, 19)
ROOT = Path(__file__).resolve().parent.parent


def rows(response, model):
    return next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is model)


def add_row(data, prefix, **fields):
    """One more row of an inline, in POST data read from its page."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    data |= {f"{prefix}-{index}-{name}": [str(value)] for name, value in fields.items()}
    return data


# Links to earlier readouts


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["follows_up", "responds_to", "refers_to"])
def test_a_link_to_a_later_readout_is_refused_for_every_kind(client, editor, kind):
    readout = make_readout(date=MARCH_19)
    later = make_readout(date=datetime.date(2025, 3, 23), title="Riyadh talks")
    data = add_row(form_data(client.get(change_url(readout))), "links_out", kind=kind, to_readout=later.pk)

    response = client.post(change_url(readout), data)

    [message] = rows(response, ReadoutLink).errors[0]["to_readout"]
    label = dict(ReadoutLink._meta.get_field("kind").choices)[kind]
    assert message.startswith(f"Choose an earlier (or same-day) readout: this readout {label} one that had already")
    assert "Riyadh talks (23 March 2025) is after it (19 March 2025)" in message
    assert not ReadoutLink.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("day", [datetime.date(2025, 3, 11), MARCH_19])
def test_a_link_to_an_earlier_or_same_day_readout_is_saved(client, editor, day):
    readout, earlier = make_readout(date=MARCH_19), make_readout(date=day)
    data = add_row(form_data(client.get(change_url(readout))), "links_out", kind="follows_up", to_readout=earlier.pk)

    assert client.post(change_url(readout), data).status_code == 302
    assert ReadoutLink.objects.get().to_readout == earlier


@pytest.mark.django_db
def test_a_new_readout_is_checked_against_the_date_on_its_own_form(client, editor):
    talks = make_readout(date=datetime.date(2025, 3, 11), title="Jeddah talks")
    link = {"kind": "follows_up", "to_readout": talks.pk, "note": ""}

    refused = add_readout(client, readout_fields(date="2025-03-10"), {ReadoutLink: [link]})
    assert "Jeddah talks (11 March 2025) is after it (10 March 2025)" in rows(refused, ReadoutLink).errors[0]["to_readout"][0]
    assert Readout.objects.count() == 1

    assert add_readout(client, readout_fields(date="2025-03-19"), {ReadoutLink: [link]}).status_code == 302
    assert ReadoutLink.objects.get().to_readout == talks


@pytest.mark.django_db
def test_talks_over_several_days_may_link_to_a_readout_of_their_last_day(client, editor):
    talks = make_readout(date=datetime.date(2025, 3, 23), end_date=datetime.date(2025, 3, 25))
    meeting = make_readout(date=datetime.date(2025, 3, 24))
    data = add_row(form_data(client.get(change_url(talks))), "links_out", kind="refers_to", to_readout=meeting.pk)
    assert client.post(change_url(talks), data).status_code == 302


@pytest.mark.django_db
def test_a_link_to_itself_is_refused_at_the_readout(client, editor):
    readout = make_readout(date=MARCH_19)
    data = add_row(form_data(client.get(change_url(readout))), "links_out", kind="follows_up", to_readout=readout.pk)

    response = client.post(change_url(readout), data)

    assert rows(response, ReadoutLink).errors[0]["to_readout"] == [
        "A readout cannot link to itself: choose the earlier readout it follows up on."
    ]


@pytest.mark.django_db
def test_a_repeated_link_is_refused_by_name(client, editor):
    readout, earlier = make_readout(date=MARCH_19), make_readout(date=MARCH_19, title="Call")
    make_link(readout, earlier, kind="follows_up")
    data = add_row(form_data(client.get(change_url(readout))), "links_out", kind="follows_up", to_readout=earlier.pk)

    response = client.post(change_url(readout), data)

    assert rows(response, ReadoutLink).errors[1]["to_readout"] == [
        "This readout already follows up on Call (19 March 2025): remove this row, or choose another kind of link."
    ]
    assert "Please correct the duplicate" not in response.content.decode()


@pytest.mark.django_db
def test_moving_a_readout_after_one_that_links_to_it_is_refused(client, editor):
    readout = make_readout(date=MARCH_19)
    make_link(make_readout(date=datetime.date(2025, 3, 23), title="Riyadh talks"), readout, kind="follows_up")
    data = form_data(client.get(change_url(readout))) | {"date": ["2025-03-24"]}

    response = client.post(change_url(readout), data)

    assert rows(response, ReadoutLink).non_form_errors() == [
        "The date (2025-03-24) is after Riyadh talks (23 March 2025), which follows up on this readout: correct "
        "the date, or remove that link on the other readout's screen."
    ]
    readout.refresh_from_db()
    assert readout.date == MARCH_19
    data["date"] = ["2025-03-23"]
    assert client.post(change_url(readout), data).status_code == 302


# Participants


@pytest.mark.django_db
def test_a_repeated_participant_is_named_with_the_role(client, editor):
    zelenskyy = make_person(name="Zelenskyy")
    row = {"person": zelenskyy.pk, "role": "principal", "position": 0}

    response = add_readout(client, readout_fields(), {Participant: [row, row | {"position": 1}]})

    participants = rows(response, Participant)
    assert participants.errors[1]["person"] == [
        "Zelenskyy is already a participant as Principal: remove this row, or choose another role."
    ]
    assert not participants.non_form_errors()
    assert "Please correct the duplicate" not in response.content.decode()
    assert not Readout.objects.exists()


@pytest.mark.django_db
def test_a_participant_already_stored_is_named_too(client, editor):
    readout, zelenskyy = make_readout(date=MARCH_19), make_person(name="Zelenskyy")
    make_participant(readout, person=zelenskyy, role="host")
    data = add_row(form_data(client.get(change_url(readout))), "participants", person=zelenskyy.pk, role="host", position=1)

    response = client.post(change_url(readout), data)

    assert rows(response, Participant).errors[-1]["person"][0].startswith("Zelenskyy is already a participant as Host")
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_a_participant_another_editor_added_meanwhile_is_named(client, editor):
    readout, zelenskyy = make_readout(date=MARCH_19), make_person(name="Zelenskyy")
    data = form_data(client.get(change_url(readout)))
    make_participant(readout, person=zelenskyy, role="principal")  # saved by someone else since
    data |= {"participants-0-person": [str(zelenskyy.pk)], "participants-0-role": ["principal"]}

    response = client.post(change_url(readout), data)

    assert response.status_code == 200
    assert rows(response, Participant).errors[0]["person"][0].startswith("Zelenskyy is already a participant as")
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_the_same_person_in_two_roles_is_saved(client, editor):
    zelenskyy = make_person(name="Zelenskyy")
    participants = [
        {"person": zelenskyy.pk, "role": "principal", "position": 0},
        {"person": zelenskyy.pk, "role": "host", "position": 1},
    ]
    assert add_readout(client, readout_fields(), {Participant: participants}).status_code == 302
    assert Participant.objects.count() == 2


# Rows with two dates say which one is wrong


@pytest.mark.django_db
def test_an_end_date_before_the_date_says_which_is_which(client, editor):
    response = add_readout(client, readout_fields(date="2025-03-19", end_date="2025-03-18"))
    [message] = response.context["adminform"].form.errors["end_date"]
    assert "the end date (2025-03-18) is before the date (2025-03-19)" in message
    assert "leave the end date empty for a one-day engagement" in message


@pytest.mark.django_db
def test_a_due_date_before_the_readout_says_which_is_which(client, editor):
    commitment = {"actor_label": "Russia", "description": "Stop strikes.", "due_date": "2025-03-18", "position": 0}
    response = add_readout(client, readout_fields(date="2025-03-19"), {Commitment: [commitment]})
    [message] = rows(response, Commitment).errors[0]["due_date"]
    assert "the due date (2025-03-18) is before the readout's date (2025-03-19). Correct the due date" in message


@pytest.mark.django_db
def test_an_update_before_the_readout_says_which_is_which(client, editor):
    commitment = make_commitment(make_readout(date=MARCH_19))
    data = add_row(form_data(client.get(change_url(commitment))), "updates", date="2025-03-18", status="fulfilled")

    response = client.post(change_url(commitment), data)

    [message] = rows(response, CommitmentUpdate).errors[0]["date"]
    assert "this update's date (2025-03-18) is before that readout's date (2025-03-19)" in message
    assert not CommitmentUpdate.objects.exists()


@pytest.mark.django_db
def test_an_earlier_text_seen_after_the_current_one_says_which_date(client, editor):
    statement = make_statement(make_readout(date=MARCH_19), text="The leaders spoke.", text_seen_on=MARCH_19)
    data = add_row(form_data(client.get(change_url(statement))), "versions", text="Briefly.", seen_on="2025-03-21")

    response = client.post(change_url(statement), data)

    [message] = rows(response, StatementVersion).errors[0]["seen_on"]
    assert message.startswith("Seen on 21 March 2025, after the current text (19 March 2025)")
    assert message.endswith("Correct this date or the date the current text was first seen.")


# Where an editor starts


@pytest.mark.django_db
def test_the_admin_index_leads_with_adding_a_readout(client, editor):
    page = client.get(reverse("admin:index")).content.decode()
    add = page.index(f'href="{reverse("admin:readouts_readout_add")}"')
    assert "Start here: readouts" in page
    assert add < page.index(reverse("admin:readouts_commitment_changelist"))
    assert add < page.index(reverse("admin:readouts_person_changelist"))


@pytest.mark.django_db
def test_the_archive_is_listed_in_the_order_an_editor_meets_it(admin_client):
    """Readouts, what they hold, what their pickers choose from; the site's own apps after."""
    apps = admin_client.get(reverse("admin:index")).context["app_list"]
    assert apps[0]["app_label"] == "readouts"
    assert [model["object_name"] for model in apps[0]["models"]] == [
        "Readout", "Statement", "Commitment", "Discrepancy", "Person", "Organization", "Topic", "Source",
    ]


# Slugs


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Trump-Zelenskyy phone call", "trump-zelenskyy-phone-call"),
        (
            "Meeting of the delegations of the United States and Ukraine on the minerals agreement in Riyadh",
            "meeting-of-the-delegations-of-the-united-states-and-ukraine",
        ),
        ("x" * 70, "x" * 60),
    ],
)
def test_generated_slugs_are_cut_between_words(title, slug):
    assert readable_slug(title) == slug
    assert len(readable_slug(title)) <= 60


@pytest.mark.django_db
def test_slug_fields_load_the_readable_slug_script_after_urlify(client, editor):
    page = client.get(reverse("admin:readouts_readout_add")).content.decode()
    assert page.index("admin/js/urlify.js") < page.index("js/admin-slug.js")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the admin's script")
def test_the_admin_fills_slugs_as_the_server_does():
    titles = [
        "Meeting of the delegations of the United States and Ukraine on the minerals agreement in Riyadh",
        "Trump–Zelenskyy phone call",
        "Trump-Zelenskyy phone call",
        "x" * 70,
    ]
    admin_js = Path(django.__file__).parent / "contrib" / "admin" / "static" / "admin" / "js" / "urlify.js"
    script = (
        "const vm = require('vm'); const fs = require('fs'); const window = {}; window.window = window;"
        f"vm.runInNewContext(fs.readFileSync({json.dumps(str(admin_js))}, 'utf8'), window);"
        f"vm.runInNewContext(fs.readFileSync({json.dumps(str(ROOT / 'static/js/admin-slug.js'))}, 'utf8'), window);"
        f"console.log(JSON.stringify({json.dumps(titles)}.map((t) => window.URLify(t, 200, false))));"
    )
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [readable_slug(title) for title in titles]


@pytest.mark.django_db
def test_a_stored_slug_longer_than_generated_ones_stays_valid(client, editor):
    slug = "a-" * 45 + "long-slug-from-before"
    readout = make_readout(date=MARCH_19, slug=slug)
    data = form_data(client.get(change_url(readout)))
    assert data["slug"] == [slug]

    assert client.post(change_url(readout), data | {"summary": ["Edited."]}).status_code == 302
    readout.refresh_from_db()
    assert (readout.slug, readout.summary) == (slug, "Edited.")

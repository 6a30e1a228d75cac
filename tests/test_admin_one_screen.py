"""Issue 13: a whole engagement entered on the readout's screen in one save, with quotes and
commitments nested under their statements, updates under commitments, versions under
discrepancies, and the earlier commitments the readout settles, which become those commitments'
dated updates with this readout as evidence."""

import datetime

import pytest
from django.urls import reverse

from readouts.models import (
    Commitment,
    CommitmentUpdate,
    Discrepancy,
    DiscrepancyVersion,
    Participant,
    Quote,
    Readout,
    ReadoutLink,
    Statement,
)
from tests.admin_helpers import add_readout, change_url, form_data, formset_data, readout_fields, statement_row
from tests.factories import (
    make_commitment,
    make_participant,
    make_person,
    make_readout,
    make_source,
    make_statement,
    make_update,
)

MARCH_18, MARCH_19 = datetime.date(2025, 3, 18), datetime.date(2025, 3, 19)


@pytest.fixture
def earlier():
    """A published readout of 18 March with two commitments made there."""
    readout = make_readout(title="Trump–Putin call", date=MARCH_18, status=Readout.Status.PUBLISHED)
    statement = make_statement(readout)
    return readout, [
        make_commitment(readout, statement=statement, actor_label="Russia", description="Halt strikes on energy."),
        make_commitment(readout, statement=statement, actor_label="Both", description="Exchange 175 prisoners."),
    ]


@pytest.fixture
def entered(client, editor, earlier):
    """The engagement below, entered on the readout's screen as a draft."""
    trump, zelenskyy = make_person(name="Donald Trump"), make_person(name="Volodymyr Zelenskyy")
    add_readout(client, readout_fields(date="2025-03-19"), engagement(trump, zelenskyy, *earlier))
    return Readout.objects.get(slug="trump-zelenskyy-phone-call")


def engagement(trump, zelenskyy, earlier_readout, earlier_commitments, **overrides):
    """The posted screen: every part of an engagement, nothing saved before."""
    rows = {
        Participant: [
            {"person": trump.pk, "role": "principal", "title": "President", "position": 0},
            {"person": zelenskyy.pk, "role": "principal", "title": "President", "position": 1},
        ],
        Statement: [
            statement_row(text="The presidents spoke.")
            | {
                Quote: [{"text": "A very good call.", "speaker": trump.pk}],
                Commitment: [
                    {
                        "actor_label": "United States",
                        "description": "Help find air defence.",
                        "position": 0,
                        CommitmentUpdate: [{"date": "2025-03-20", "status": "in_progress", "note": "Talks began."}],
                    }
                ],
            },
            statement_row(issuer_name="Office of the President", language="uk", summary="A substantive call.", position=1)
            | {Quote: [{"text": "Peace this year.", "speaker_label": "The President of Ukraine"}]},
        ],
        Discrepancy: [
            {
                "subject": "Who proposed the halt",
                "position": 0,
                DiscrepancyVersion: [
                    {"says": "The US proposed it.", "issuer_label": "White House", "position": 0},
                    {"says": "Ukraine proposed it.", "issuer_label": "Office of the President", "position": 1},
                ],
            }
        ],
        ReadoutLink: [{"kind": "follows_up", "to_readout": earlier_readout.pk, "note": "The day before."}],
        CommitmentUpdate: [
            {"commitment": earlier_commitments[0].pk, "status": "partly_fulfilled", "note": "Strikes continued."},
            {"commitment": earlier_commitments[1].pk, "status": "fulfilled", "date": "2025-03-19", "note": "Done."},
        ],
    }
    return rows | overrides


@pytest.mark.django_db
def test_editor_enters_a_whole_engagement_in_one_save(client, editor, earlier):
    earlier_readout, commitments = earlier
    trump, zelenskyy = make_person(name="Donald Trump"), make_person(name="Volodymyr Zelenskyy")

    response = add_readout(
        client,
        readout_fields(date="2025-03-19", status="published"),
        engagement(trump, zelenskyy, earlier_readout, commitments),
    )

    assert response.status_code == 302, response.context and response.context.get("errors")
    readout = Readout.objects.get(slug="trump-zelenskyy-phone-call")
    first, second = readout.statements.all()
    assert [q.text for q in first.quotes.all()] == ["A very good call."]
    assert [q.speaker_label for q in second.quotes.all()] == ["The President of Ukraine"]
    commitment = first.commitments.get()
    assert commitment.readout == readout  # the statement's readout
    assert commitment.status == "in_progress"  # its update's
    assert [v.says for v in readout.discrepancies.get().versions.all()] == ["The US proposed it.", "Ukraine proposed it."]
    assert readout.links_out.get().to_readout == earlier_readout
    # The settled commitments' updates: this readout is their evidence, dated by it unless given.
    settled = {u.commitment: u for u in readout.evidence_for.all()}
    assert settled[commitments[0]].date == MARCH_19
    assert settled[commitments[0]].status == "partly_fulfilled"
    for c in commitments:
        c.refresh_from_db()
    assert [c.status for c in commitments] == ["partly_fulfilled", "fulfilled"]

    # Public pages: the earlier readout shows the updates and links to the new one; so do the commitments.
    earlier_page = client.get(earlier_readout.get_absolute_url()).content.decode()
    assert readout.get_absolute_url() in earlier_page and "Strikes continued." in earlier_page
    commitment_page = client.get(commitments[0].get_absolute_url()).content.decode()
    assert readout.get_absolute_url() in commitment_page
    new_page = client.get(readout.get_absolute_url()).content.decode()
    assert commitments[0].get_absolute_url() in new_page  # "What it shows about earlier commitments"
    assert "A very good call." in new_page


@pytest.mark.django_db
def test_the_screen_after_saving_lists_and_links_what_it_settles(client, editor, earlier, entered):
    earlier_readout, commitments = earlier
    readout = entered

    page = client.get(change_url(readout))

    html = page.content.decode()
    assert "Earlier commitments this readout settles or advances (2)" in html
    for commitment in commitments:
        assert reverse("admin:readouts_commitment_change", args=[commitment.pk]) in html
    assert reverse("admin:readouts_readout_change", args=[earlier_readout.pk]) in html
    assert "Commitments this statement records (1)" in html
    assert "Quotes (1)" in html


@pytest.mark.django_db
def test_saving_the_screen_again_unchanged_keeps_everything(client, editor, entered):
    readout = entered
    url = change_url(readout)

    response = client.post(url, form_data(client.get(url)))

    assert response.status_code == 302, response.context and response.context.get("errors")
    assert Quote.objects.filter(statement__readout=readout).count() == 2
    assert CommitmentUpdate.objects.filter(evidence=readout).count() == 2
    assert DiscrepancyVersion.objects.filter(discrepancy__readout=readout).count() == 2


@pytest.mark.django_db
def test_settling_a_commitment_made_later_is_refused_at_the_row(client, editor, earlier):
    _, commitments = earlier
    later = make_readout(date=datetime.date(2025, 3, 24))
    later_commitment = make_commitment(later, statement=make_statement(later), description="Meet in Riyadh.")

    response = add_readout(
        client,
        readout_fields(date="2025-03-19"),
        {CommitmentUpdate: [{"commitment": later_commitment.pk, "status": "fulfilled"}]},
    )

    assert response.status_code == 200
    settled = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.model is CommitmentUpdate)
    assert "made at a later readout (2025-03-24)" in settled.errors[0]["commitment"][0]
    assert not Readout.objects.filter(slug="trump-zelenskyy-phone-call").exists()


@pytest.mark.django_db
def test_a_readout_cannot_settle_its_own_commitment(client, editor, earlier):
    earlier_readout, commitments = earlier
    url = change_url(earlier_readout)
    page = client.get(url)
    data = form_data(page)
    data |= {
        key: value
        for key, value in formset_data(page, {CommitmentUpdate: [{"commitment": commitments[0].pk, "status": "fulfilled"}]}).items()
        if key.startswith("evidence_for")
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert "made at this readout" in response.content.decode()
    assert not CommitmentUpdate.objects.exists()


@pytest.mark.django_db
def test_an_invalid_nested_row_leaves_nothing_saved(client, editor):
    response = add_readout(
        client,
        readout_fields(date="2025-03-19"),
        {
            Statement: [
                # An update dated before the readout that records the commitment.
                statement_row(text="The presidents spoke.")
                | {
                    Commitment: [
                        {
                            "actor_label": "US",
                            "description": "Help.",
                            "position": 0,
                            CommitmentUpdate: [{"date": "2025-03-01", "status": "fulfilled"}],
                        }
                    ]
                }
            ],
        },
    )

    assert response.status_code == 200
    assert "dated before the readout" in response.content.decode()
    assert not Readout.objects.exists() and not Statement.objects.exists() and not Commitment.objects.exists()


@pytest.mark.django_db
def test_a_row_of_another_readout_posted_on_this_screen_is_not_taken(client, editor):
    mine, theirs = make_readout(title="Mine"), make_readout(title="Theirs")
    theirs_row = make_participant(theirs, title="President")
    url = change_url(mine)
    page = client.get(url)
    data = form_data(page)
    # A tampered form: the screen's participants group claims the other readout's row.
    data |= {
        "participants-TOTAL_FORMS": "1",
        "participants-INITIAL_FORMS": "1",
        "participants-0-id": str(theirs_row.pk),
        "participants-0-person": str(theirs_row.person_id),
        "participants-0-role": "principal",
        "participants-0-title": "Taken",
        "participants-0-position": "0",
    }

    response = client.post(url, data)

    assert response.status_code in (200, 302)
    theirs_row.refresh_from_db()
    assert (theirs_row.readout, theirs_row.title) == (theirs, "President")
    assert not mine.participants.exists()


@pytest.mark.django_db
def test_deleting_a_row_of_another_readout_on_this_screen_deletes_nothing(client, editor):
    mine, theirs = make_readout(title="Mine"), make_readout(title="Theirs")
    theirs_row = make_participant(theirs, title="President")
    url = change_url(mine)
    data = form_data(client.get(url)) | {
        "participants-TOTAL_FORMS": "1",
        "participants-INITIAL_FORMS": "1",
        "participants-0-id": str(theirs_row.pk),
        "participants-0-DELETE": "on",
    }

    client.post(url, data)

    assert Participant.objects.filter(pk=theirs_row.pk, readout=theirs).exists()


def screen_queries(client, readout):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(change_url(readout))
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_a_large_readout_opens_folded_with_counts_in_the_same_queries_whatever_its_size(client, editor):
    """Ten statements of four commitments each: every statement's groups fold away with their
    counts, and one more commitment, with its people, sources and an update, adds no query: each
    group's rows, nested rows and chosen values are read once for the whole group."""
    readout = make_readout()
    statements = [make_statement(readout, position=i) for i in range(10)]
    person = make_person()
    make_participant(readout, person, title="Minister of Defence")
    for statement in statements:
        for j in range(4):
            commitment = make_commitment(readout, statement=statement, actor_people=[person], position=j)
            commitment.sources.add(make_source())
    later = make_readout(date=readout.date + datetime.timedelta(days=3))
    make_update(commitment, evidence=later).sources.add(make_source())
    client.get(change_url(readout))  # caches warmed

    queries, html = screen_queries(client, readout)
    more = make_commitment(readout, statement=statements[0], actor_people=[make_person()], position=9)
    more.sources.add(make_source(name="Kyiv Post"))
    make_update(more, evidence=later).sources.add(make_source())
    make_participant(readout, make_person(name="Marco Rubio"), title="Secretary of State")
    more_queries, more_html = screen_queries(client, readout)

    assert html.count("Commitments this statement records (4)") == 10
    assert html.count("<details") >= 10 + 40  # each statement's commitments and each commitment's updates fold
    assert more_queries == queries
    # The chosen values read with their groups are labelled as the pickers label them.
    assert "Marco Rubio — Secretary of State" in more_html
    assert f"{person.name} — Minister of Defence" in more_html
    assert "Kyiv Post — undated — news.example/" in more_html


@pytest.mark.django_db
def test_a_second_undated_update_points_to_the_first(client, editor):
    readout = make_readout()
    commitment = make_commitment(readout, statement=make_statement(readout))
    make_update(commitment, date=None, status="partly_fulfilled")
    url = reverse("admin:readouts_commitment_change", args=[commitment.pk])
    page = client.get(url)
    data = form_data(page)
    prefix = "updates"
    data |= {
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-1-status": "fulfilled",
        f"{prefix}-1-note": "Later.",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert "already has an undated update (“Partly fulfilled”): edit that one instead" in response.content.decode()
    assert commitment.updates.count() == 1

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from readouts.models import CommitmentStatus, Quote, Readout, ReadoutLink, Statement
from tests.factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
    make_update,
)

MARCH_19 = datetime.date(2025, 3, 19)


def field_errors(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def db_refuses(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


# Constraints the database enforces, whatever path the data takes.


@pytest.mark.django_db
def test_slug_is_unique_per_date_in_the_database():
    make_readout(slug="call", date=MARCH_19)
    db_refuses(lambda: make_readout(slug="call", date=MARCH_19))


@pytest.mark.django_db
def test_same_slug_on_another_date_is_allowed():
    make_readout(slug="call", date=MARCH_19)
    make_readout(slug="call", date=MARCH_19 + datetime.timedelta(days=1))
    assert Readout.objects.filter(slug="call").count() == 2


@pytest.mark.django_db
def test_database_rejects_an_unknown_status():
    db_refuses(lambda: make_readout(status="archived"))


@pytest.mark.django_db
def test_database_rejects_an_unknown_format():
    db_refuses(lambda: make_readout(format="carrier_pigeon"))


@pytest.mark.django_db
def test_database_rejects_a_statement_without_text_or_summary():
    readout = make_readout()
    db_refuses(lambda: make_statement(readout, text="", summary=""))


@pytest.mark.django_db
def test_database_rejects_a_readout_link_to_itself():
    readout = make_readout()
    db_refuses(lambda: ReadoutLink.objects.create(from_readout=readout, to_readout=readout))


@pytest.mark.django_db
def test_database_rejects_an_end_date_before_the_date():
    db_refuses(lambda: make_readout(date=MARCH_19, end_date=MARCH_19 - datetime.timedelta(days=1)))


@pytest.mark.django_db
def test_database_rejects_a_topic_that_is_its_own_parent():
    topic = make_topic()
    topic.parent = topic
    db_refuses(topic.save)


# Validation messages, at the field an editor has to correct.


@pytest.mark.django_db
def test_future_date_is_refused_at_the_date_field():
    readout = Readout(
        title="Call", slug="call", format="phone_call", summary="-", date=timezone.localdate() + datetime.timedelta(days=1)
    )
    assert "cannot be in the future" in field_errors(readout)["date"][0]


@pytest.mark.django_db
def test_duplicate_slug_is_refused_at_the_slug_field():
    make_readout(slug="call", date=MARCH_19)
    readout = Readout(title="Call", slug="call", format="phone_call", summary="-", date=MARCH_19)
    assert "same date already has this slug" in field_errors(readout)["slug"][0]


@pytest.mark.django_db
def test_end_date_before_date_is_refused_at_the_end_date_field():
    readout = Readout(
        title="Talks", slug="talks", format="talks", summary="-", date=MARCH_19, end_date=MARCH_19 - datetime.timedelta(days=1)
    )
    assert "cannot come before" in field_errors(readout)["end_date"][0]


@pytest.mark.django_db
def test_statement_needs_text_or_summary():
    statement = Statement(readout=make_readout(), kind="readout", issuer_name="Kremlin", language="ru")
    assert "verbatim text or an editor's summary" in field_errors(statement)["text"][0]


@pytest.mark.django_db
def test_quote_needs_a_speaker():
    quote = Quote(statement=make_statement(make_readout()), text="We agreed.")
    assert "Say who said it" in field_errors(quote)["__all__"][0]


@pytest.mark.django_db
def test_commitment_cannot_fall_due_before_its_readout():
    commitment = make_commitment(make_readout(date=MARCH_19), due_date=MARCH_19 - datetime.timedelta(days=1))
    assert "fall due before" in field_errors(commitment)["due_date"][0]


@pytest.mark.django_db
def test_commitment_statement_must_belong_to_the_same_readout():
    commitment = make_commitment(make_readout(), statement=make_statement(make_readout()))
    assert "same readout" in field_errors(commitment)["statement"][0]


@pytest.mark.django_db
def test_update_cannot_be_dated_before_the_commitments_readout():
    update = make_update(make_commitment(make_readout(date=MARCH_19)))
    update.date = MARCH_19 - datetime.timedelta(days=1)
    assert "dated before the readout" in field_errors(update)["date"][0]


@pytest.mark.django_db
def test_topic_cannot_sit_inside_its_own_child():
    broad = make_topic(name="Air defence")
    narrow = make_topic(name="Patriot", parent=broad)
    broad.parent = narrow
    assert "inside itself" in field_errors(broad)["parent"][0]


@pytest.mark.django_db
def test_organization_cannot_sit_inside_its_own_child():
    country = make_organization()
    body = make_organization(kind="government_body", parent=country)
    country.parent = body
    assert "inside itself" in field_errors(country)["parent"][0]


# Commitment status follows its updates.


@pytest.mark.django_db
def test_commitment_without_updates_is_announced():
    commitment = make_commitment(make_readout())
    commitment.sync_status()
    assert commitment.status == CommitmentStatus.ANNOUNCED


@pytest.mark.django_db
def test_commitment_status_is_the_latest_dated_updates():
    commitment = make_commitment(make_readout(date=MARCH_19))
    make_update(commitment, date=MARCH_19 + datetime.timedelta(days=9), status="fulfilled")
    make_update(commitment, date=MARCH_19 + datetime.timedelta(days=2), status="in_progress")
    make_update(commitment, date=None, status="contested")
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.FULFILLED


@pytest.mark.django_db
def test_deleting_the_latest_update_restores_the_previous_status():
    commitment = make_commitment(make_readout(date=MARCH_19))
    make_update(commitment, date=MARCH_19 + datetime.timedelta(days=2), status="in_progress")
    latest = make_update(commitment, date=MARCH_19 + datetime.timedelta(days=9), status="fulfilled")
    latest.delete()
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.IN_PROGRESS


# How records read and where they live.


@pytest.mark.django_db
def test_readout_reads_as_title_and_date():
    readout = make_readout(title="Trump–Zelenskyy phone call", date=MARCH_19)
    assert str(readout) == "Trump–Zelenskyy phone call (19 March 2025)"


@pytest.mark.django_db
def test_readout_address_carries_its_date_and_slug():
    readout = make_readout(slug="trump-zelenskyy-call", date=MARCH_19)
    assert readout.get_absolute_url() == "/readouts/2025/03/19/trump-zelenskyy-call/"


@pytest.mark.django_db
def test_participant_and_statement_read_as_who_and_what():
    readout = make_readout(title="Call", date=MARCH_19)
    participant = make_participant(readout, person=make_person(name="Volodymyr Zelenskyy"))
    statement = make_statement(readout, kind="readout", issuer_name="Office of the President")
    assert str(participant) == "Volodymyr Zelenskyy (Principal) in Call (19 March 2025)"
    assert str(statement) == "Readout: Office of the President"


@pytest.mark.django_db
def test_publishing_stamps_the_first_publication_time_once():
    readout = make_readout(status=Readout.Status.DRAFT)
    assert readout.published_at is None
    readout.status = Readout.Status.PUBLISHED
    readout.save()
    first = readout.published_at
    assert first is not None
    readout.status = Readout.Status.DRAFT
    readout.save()
    readout.status = Readout.Status.PUBLISHED
    readout.save()
    assert readout.published_at == first


@pytest.mark.django_db
def test_published_leaves_out_drafts():
    published = make_readout()
    make_readout(status=Readout.Status.DRAFT)
    assert list(Readout.objects.published()) == [published]

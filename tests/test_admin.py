"""The editors' entry through the admin: one screen per readout, drafts until published,
errors at the field with nothing half-saved, and no way in for staff outside the Editors group."""

import datetime
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from readouts.models import Commitment, CommitmentUpdate, Participant, Readout, Source, Statement
from tests.admin_helpers import add_readout, formset_data, readout_fields, statement_row
from tests.factories import (
    EDITORS_MIGRATIONS,
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_source,
    make_statement,
    make_topic,
)

PASSWORD = "correct horse battery staple"
MARCH_19 = datetime.date(2025, 3, 19)


@pytest.fixture
def outsider(client):
    """Staff, so the admin lets them in, but not an editor."""
    user = User.objects.create_user("outsider", password=PASSWORD, is_staff=True)
    assert client.login(username="outsider", password=PASSWORD)
    return user


def form_errors(response):
    return response.context["adminform"].form.errors


# The Editors group


@pytest.mark.django_db
def test_editors_group_has_exactly_the_readouts_permissions():
    expected = {
        f"{action}_{model._meta.model_name}"
        for model in apps.get_app_config("readouts").get_models()
        for action in model._meta.default_permissions  # none for the search index's tables
    }
    permissions = Group.objects.get(name="Editors").permissions.select_related("content_type")
    assert {p.content_type.app_label for p in permissions} == {"readouts"}
    assert {p.codename for p in permissions} == expected


@pytest.mark.django_db
def test_editors_group_migration_reverses_and_reapplies():
    migration = MigrationExecutor(connection).loader.get_migration("readouts", "0002_editors_group")
    state_apps = MigrationExecutor(connection).loader.project_state(("readouts", "0002_editors_group")).apps
    schema_editor = SimpleNamespace(connection=connection)
    forward, backward = migration.operations[0].code, migration.operations[0].reverse_code
    before = set(Group.objects.get(name="Editors").permissions.values_list("pk", flat=True))

    backward(state_apps, schema_editor)
    assert not Group.objects.filter(name="Editors").exists()
    forward(state_apps, schema_editor)
    # Models added later are granted in their own migrations: run those grants again too.
    for name, function in EDITORS_MIGRATIONS[1:]:
        grant = getattr(import_module(f"readouts.migrations.{name}"), function)
        grant(MigrationExecutor(connection).loader.project_state(("readouts", name)).apps, schema_editor)
    assert set(Group.objects.get(name="Editors").permissions.values_list("pk", flat=True)) == before


@pytest.mark.django_db
def test_editor_cannot_manage_users(client, editor):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


# One screen enters a whole readout


@pytest.mark.django_db
def test_editor_enters_a_readout_with_statements_participants_and_a_commitment(client, editor):
    trump, zelenskyy = make_person(name="Donald Trump"), make_person(name="Volodymyr Zelenskyy")
    ceasefire, ukraine = make_topic(name="Ceasefire"), make_organization(name="Ukraine")
    source = make_source()

    response = add_readout(
        client,
        readout_fields(topics=[ceasefire.pk], organizations=[ukraine.pk]),
        {
            Statement: [
                statement_row(text="The presidents spoke.", speakers=[trump.pk], sources=[source.pk]),
                statement_row(issuer_name="Office of the President", language="uk", summary="A good call.", position=1),
            ],
            Participant: [
                {"person": trump.pk, "role": "principal", "title": "President", "position": 0},
                {"person": zelenskyy.pk, "role": "principal", "title": "President", "represented": ukraine.pk, "position": 1},
            ],
            Commitment: [
                {"actor_label": "United States", "description": "Help find air defence.", "position": 0},
            ],
        },
    )

    assert response.status_code == 302, response.context and response.context.get("errors")
    readout = Readout.objects.get(slug="trump-zelenskyy-phone-call")
    assert readout.status == Readout.Status.DRAFT
    assert [s.issuer_name for s in readout.statements.all()] == ["The White House", "Office of the President"]
    assert list(readout.statements.first().speakers.all()) == [trump]
    assert {p.person for p in readout.participants.all()} == {trump, zelenskyy}
    assert readout.commitments.get().description == "Help find air defence."
    assert list(readout.topics.all()) == [ceasefire]


@pytest.mark.django_db
def test_draft_is_not_public_until_published_through_the_action(client, editor):
    readout = make_readout(status=Readout.Status.DRAFT)
    assert client.get(readout.get_absolute_url()).status_code == 404

    response = client.post(
        reverse("admin:readouts_readout_changelist"), {"action": "publish", "_selected_action": [readout.pk]}
    )

    assert response.status_code == 302
    readout.refresh_from_db()
    assert readout.is_published and readout.published_at is not None
    assert client.get(readout.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_return_to_draft_action_takes_a_readout_off_the_site(client, editor):
    readout = make_readout()
    client.post(
        reverse("admin:readouts_readout_changelist"), {"action": "return_to_draft", "_selected_action": [readout.pk]}
    )
    readout.refresh_from_db()
    assert readout.status == Readout.Status.DRAFT
    assert client.get(readout.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_view_on_site_shows_the_public_page_or_the_drafts_preview(client, editor):
    published, draft = make_readout(), make_readout(status=Readout.Status.DRAFT)

    page = client.get(reverse("admin:readouts_readout_change", args=[published.pk]))
    assert page.context["absolute_url"] == published.get_absolute_url()
    page = client.get(reverse("admin:readouts_readout_change", args=[draft.pk]))
    assert page.context["absolute_url"] == reverse("readouts:readout_preview", args=[draft.pk])


# Staff outside the Editors group


@pytest.mark.django_db
def test_staff_outside_editors_cannot_change_a_readout(client, outsider):
    readout = make_readout(title="Original title")
    url = reverse("admin:readouts_readout_change", args=[readout.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, readout_fields(title="Defaced")).status_code == 403
    readout.refresh_from_db()
    assert readout.title == "Original title"


@pytest.mark.django_db
def test_staff_who_may_only_view_cannot_publish(client, outsider):
    outsider.user_permissions.add(Permission.objects.get(codename="view_readout"))
    readout = make_readout(status=Readout.Status.DRAFT)

    changelist = client.get(reverse("admin:readouts_readout_changelist"))
    assert changelist.status_code == 200
    action_form = changelist.context["action_form"]
    assert action_form is None or "publish" not in dict(action_form.fields["action"].choices)
    client.post(reverse("admin:readouts_readout_changelist"), {"action": "publish", "_selected_action": [readout.pk]})
    readout.refresh_from_db()
    assert readout.status == Readout.Status.DRAFT


# Errors at the field, and nothing stored


@pytest.mark.django_db
def test_duplicate_slug_on_the_same_date_is_refused_at_the_slug(client, editor):
    make_readout(slug="trump-zelenskyy-phone-call", date=MARCH_19)
    response = add_readout(client, readout_fields())
    assert response.status_code == 200
    assert "same date already has this slug" in form_errors(response)["slug"][0]
    assert Readout.objects.count() == 1


@pytest.mark.django_db
def test_future_date_is_refused_at_the_date(client, editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = add_readout(client, readout_fields(date=tomorrow.isoformat()))
    assert "cannot be in the future" in form_errors(response)["date"][0]
    assert not Readout.objects.exists()


@pytest.mark.django_db
def test_a_failing_inline_leaves_nothing_saved(client, editor):
    response = add_readout(
        client,
        readout_fields(),
        {Statement: [statement_row(text="The presidents spoke."), statement_row(position=1)]},
    )

    assert response.status_code == 200
    statements = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is Statement).formset
    assert statements.errors[1] == {"text": ["Enter the verbatim text or an editor's summary."]}
    assert not Readout.objects.exists()
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_update_dated_before_the_readout_is_refused_in_the_commitment_screen(client, editor):
    commitment = make_commitment(make_readout(date=MARCH_19))
    url = reverse("admin:readouts_commitment_change", args=[commitment.pk])
    fields = {
        "readout": commitment.readout.pk,
        "actor_label": commitment.actor_label,
        "description": commitment.description,
        "position": 0,
    }
    update = {"date": "2025-03-18", "status": "fulfilled", "note": "Too early."}

    response = client.post(url, fields | formset_data(client.get(url), {CommitmentUpdate: [update]}))

    assert response.status_code == 200
    updates = response.context["inline_admin_formsets"][0].formset
    assert "dated before the readout" in updates.errors[0]["date"][0]
    assert not CommitmentUpdate.objects.exists()


@pytest.mark.django_db
def test_update_dated_before_the_readout_is_refused_while_adding_the_commitment(client, editor):
    readout = make_readout(date=MARCH_19)
    url = reverse("admin:readouts_commitment_add")
    fields = {"readout": readout.pk, "actor_label": "Russia", "description": "Stop strikes.", "position": 0}
    update = {"date": "2025-03-18", "status": "fulfilled"}

    response = client.post(url, fields | formset_data(client.get(url), {CommitmentUpdate: [update]}))

    assert "dated before the readout" in response.context["inline_admin_formsets"][0].formset.errors[0]["date"][0]
    assert not Commitment.objects.exists()


@pytest.mark.django_db
def test_commitment_due_before_the_readout_is_refused_while_adding_the_readout(client, editor):
    commitment = {"actor_label": "Russia", "description": "Stop strikes.", "due_date": "2025-03-18", "position": 0}
    response = add_readout(client, readout_fields(), {Commitment: [commitment]})

    commitments = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is Commitment).formset
    assert "fall due before" in commitments.errors[0]["due_date"][0]
    assert not Readout.objects.exists()


@pytest.mark.django_db
def test_unparseable_source_address_is_refused_at_the_url(client, editor):
    response = client.post(reverse("admin:readouts_source_add"), {"name": "UNN", "url": "unn.com.ua news"})
    assert form_errors(response)["url"] == ["Enter a valid URL."]
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_hostile_title_is_stored_as_typed_and_escaped_on_the_change_list(client, editor):
    hostile = "<script>alert(1)</script>"
    assert add_readout(client, readout_fields(title=hostile, slug="hostile")).status_code == 302
    assert Readout.objects.get(slug="hostile").title == hostile

    page = client.get(reverse("admin:readouts_readout_changelist")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert hostile not in page


# Change lists


@pytest.fixture
def archive():
    """One of everything, so each filter has a choice to offer."""
    ukraine = make_organization(name="Ukraine")
    topic = make_topic(name="Ceasefire")
    readout = make_readout(date=MARCH_19, topics=[topic], organizations=[ukraine])
    make_readout(date=datetime.date(2024, 11, 2), status=Readout.Status.DRAFT, format="meeting")
    person = make_person(organization=ukraine)
    make_participant(readout, person=person, represented=ukraine)
    make_statement(readout, speakers=[person], sources=[make_source(published_on=MARCH_19)])
    make_commitment(readout)


CHANGELISTS = ["readout", "person", "organization", "topic", "commitment", "statement", "source"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelist_renders_with_each_filter_applied(client, editor, archive, model):
    url = reverse(f"admin:readouts_{model}_changelist")
    response = client.get(url)
    assert response.status_code == 200

    changelist = response.context["cl"]
    query_strings = [choice["query_string"] for spec in changelist.filter_specs for choice in spec.choices(changelist)]
    if changelist.date_hierarchy:
        query_strings += ["?date__year=2025", "?date__year=2025&date__month=3"]
    assert len(query_strings) > len(changelist.filter_specs)
    for query_string in query_strings:
        # An unusable filter would redirect to ?e=1 instead.
        assert client.get(url + query_string).status_code == 200, query_string


@pytest.mark.django_db
def test_readout_changelist_filters_by_year(client, editor, archive):
    response = client.get(reverse("admin:readouts_readout_changelist"), {"year": "2024"})
    assert [r.date.year for r in response.context["cl"].result_list] == [2024]


@pytest.mark.django_db
def test_readout_changelist_counts_statements(client, editor, archive):
    response = client.get(reverse("admin:readouts_readout_changelist"), {"year": "2025"})
    assert [r.statement_count for r in response.context["cl"].result_list] == [1]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def make_busy_readouts(count):
    for _ in range(count):
        readout = make_readout(topics=[make_topic()], organizations=[make_organization()])
        make_statement(readout)
        make_participant(readout)


@pytest.mark.django_db
@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelist_queries_do_not_grow_with_rows(client, editor, model):
    url = reverse(f"admin:readouts_{model}_changelist")
    make_busy_readouts(3)
    few = count_queries(client, url)
    make_busy_readouts(12)
    assert count_queries(client, url) == few


# Person, organization and topic screens list their readouts


@pytest.mark.django_db
def test_person_screen_links_to_their_readouts(client, editor):
    person = make_person()
    readout = make_readout(status=Readout.Status.DRAFT)
    make_participant(readout, person=person, role="principal")
    make_participant(readout, person=person, role="issuer")

    page = client.get(reverse("admin:readouts_person_change", args=[person.pk])).content.decode()
    link = reverse("admin:readouts_readout_change", args=[readout.pk])
    assert page.count(f'href="{link}"') == 1
    assert "(draft)" in page


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["organization", "topic"])
def test_organization_and_topic_screens_link_to_their_readouts(client, editor, model):
    organization, topic = make_organization(), make_topic()
    readout = make_readout(organizations=[organization], topics=[topic])
    target = organization if model == "organization" else topic

    page = client.get(reverse(f"admin:readouts_{model}_change", args=[target.pk])).content.decode()
    assert reverse("admin:readouts_readout_change", args=[readout.pk]) in page


@pytest.mark.django_db
def test_readout_list_on_a_topic_screen_is_one_query(client, editor):
    topic = make_topic()
    url = reverse("admin:readouts_topic_change", args=[topic.pk])
    make_readout(topics=[topic])
    few = count_queries(client, url)
    for _ in range(5):
        make_readout(topics=[topic])
    assert count_queries(client, url) == few

"""A joint statement names every government that issued it: the editor picks them on the readout's
screen, the readout page says so and links each, search finds the readout by any of them, and each
issuer's page lists the readout."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from readouts.models import Statement
from readouts.search.index import rebuild
from tests.admin_helpers import change_url, form_data
from tests.factories import make_organization, make_readout, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint():
    readout = make_readout(title="Talks in Jeddah", status="published")
    united_states = make_organization(name="United States")
    department = make_organization(name="US Department of State", kind="government_body", parent=united_states)
    statement = make_statement(
        readout,
        kind="joint_statement",
        issuer_name="Governments of the United States and Ukraine (released by the US Department of State)",
        issuer=department,
    )
    return statement, make_organization(name="Ukraine"), united_states


def test_the_readout_screen_saves_the_issuers_an_editor_picked(client, editor, joint):
    statement, ukraine, united_states = joint
    data = form_data(client.get(change_url(statement.readout)))
    data["statements-0-joint_issuers"] = [str(united_states.pk), str(ukraine.pk)]

    response = client.post(change_url(statement.readout), data)

    assert response.status_code == 302
    assert set(Statement.objects.get(pk=statement.pk).joint_issuers.all()) == {ukraine, united_states}


def test_the_page_names_and_links_each_issuer_and_the_body_that_released_it(client, joint):
    statement, ukraine, united_states = joint
    statement.joint_issuers.set([ukraine, united_states])

    response = client.get(statement.readout.get_absolute_url())

    assertContains(
        response,
        f'Issued jointly by <a href="{ukraine.get_absolute_url()}">Ukraine</a> and '
        f'<a href="{united_states.get_absolute_url()}">United States</a>',
    )
    assertContains(response, f'<a href="{statement.issuer.get_absolute_url()}">{statement.issuer_name}</a>')


def test_search_and_the_issuers_pages_find_the_readout(client, joint):
    statement, ukraine, _ = joint
    other = make_organization(name="Kingdom of Saudi Arabia", slug="saudi-arabia")
    statement.joint_issuers.set([ukraine, other])
    rebuild()

    response = client.get(reverse("readouts:search"), {"q": "Saudi"})
    assert [readout.title for readout in response.context["page"]] == ["Talks in Jeddah"]
    assertContains(client.get(other.get_absolute_url()), "Talks in Jeddah")

"""People are in one alphabetical order everywhere: by their sort name, or by their name where
they have none (models.entities.person_sort_key)."""

import pytest
from django.urls import reverse

from tests.factories import make_organization, make_participant, make_person, make_readout

pytestmark = pytest.mark.django_db

ALPHABETICAL = ["Cy Adams", "Bo Baker", "Al Zed"]


@pytest.fixture
def country():
    country = make_organization(name="Ukraine", slug="ukraine")
    readout = make_readout(organizations=[country])
    for position, person in enumerate([
        make_person(name="Al Zed", sort_name="Zed, Al", organization=country),
        make_person(name="Bo Baker", organization=country),  # no sort name: by "Bo Baker"
        make_person(name="Cy Adams", sort_name="Adams, Cy", organization=country),
    ]):
        make_participant(readout, person, position=position)
    return country


def test_the_list_of_people_puts_a_person_without_a_sort_name_by_their_name(client, country):
    response = client.get(reverse("readouts:person_list"))
    assert [person.name for person in response.context["page"].object_list] == ALPHABETICAL


def test_an_organizations_people_who_represented_it_equally_often_are_alphabetical(client, country):
    response = client.get(reverse("readouts:organization_detail", args=[country.slug]))
    assert [person.name for person in response.context["people"]] == ALPHABETICAL


def test_the_api_lists_people_in_the_same_order(client, country):
    answer = client.get(reverse("api:person-list")).json()
    assert [person["name"] for person in answer["results"]] == ALPHABETICAL


def test_the_admins_list_of_people_is_in_the_same_order(client, editor, country):
    response = client.get(reverse("admin:readouts_person_changelist"))
    assert [person.name for person in response.context["cl"].result_list] == ALPHABETICAL

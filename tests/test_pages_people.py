import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from tests.factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
)

pytestmark = pytest.mark.django_db

DRAFT = Readout.Status.DRAFT


def test_people_list_is_alphabetical_by_sort_name_with_published_counts(client):
    zelenskyy = make_person(name="Volodymyr Zelenskyy", sort_name="Zelenskyy, Volodymyr")
    rubio = make_person(name="Marco Rubio", sort_name="Rubio, Marco")
    anton = make_person(name="Michael Anton", sort_name="")
    make_participant(make_readout(), zelenskyy)
    make_participant(make_readout(status=DRAFT), zelenskyy)
    make_participant(make_readout(), anton)
    make_participant(make_readout(), anton)
    make_participant(make_readout(status=DRAFT), rubio)  # only in a draft: not listed yet
    response = client.get(reverse("readouts:person_list"))
    people = list(response.context["people"])
    assert [person.name for person in people] == ["Michael Anton", "Volodymyr Zelenskyy"]
    assert [person.readout_count for person in people] == [2, 1]
    for person in (zelenskyy, anton):
        assertContains(response, f'href="{person.get_absolute_url()}"')
    assertNotContains(response, "Marco Rubio")
    assertNotContains(response, '<a href="#letter-R">R</a>', html=True)
    assertContains(response, '<h2 id="letter-Z-heading">Z</h2>', html=True)
    assertContains(response, '<a href="#letter-Z">Z</a>', html=True)


def test_people_list_comes_in_pages_and_each_initial_links_to_its_page(client, monkeypatch):
    monkeypatch.setattr("readouts.views.people.PEOPLE_PER_PAGE", 2)
    for name in ["Ann Abbot", "Bea Baker", "Bo Brown", "Cy Cole", "Zoe Zane"]:
        make_participant(make_readout(), make_person(name=name, sort_name=", ".join(reversed(name.split()))))
    url = reverse("readouts:person_list")
    first = client.get(url)
    assert [person.name for person in first.context["people"]] == ["Ann Abbot", "Bea Baker"]
    # A starts on page 1 (this one), B on page 1, C on page 2, Z on page 3.
    assertContains(first, '<a href="#letter-A">A</a>', html=True)
    assertContains(first, '<a href="#letter-B">B</a>', html=True)
    assertContains(first, '<a href="?page=2#letter-C">C</a>', html=True)
    assertContains(first, '<a href="?page=3#letter-Z">Z</a>', html=True)
    second = client.get(url, {"page": 2})
    assert [person.name for person in second.context["people"]] == ["Bo Brown", "Cy Cole"]
    assertContains(second, f'<a href="{url}#letter-A">A</a>', html=True)
    assertContains(second, '<h2 id="letter-B-heading">B</h2>', html=True)
    assertContains(second, 'id="letter-C"')
    assert [person.name for person in client.get(url, {"page": 3}).context["people"]] == ["Zoe Zane"]
    for page in ("4", "0", "x", "99999999999999999999"):
        assert client.get(url, {"page": page}).status_code == 404, page


def test_people_list_without_people(client):
    response = client.get(reverse("readouts:person_list"))
    assertContains(response, "No people yet.")


def test_person_page_shows_names_and_usual_organization(client):
    ukraine = make_organization(name="Ukraine")
    person = make_person(name="Volodymyr Zelenskyy", alternate_names="Zelensky\nZelenskiy\n", organization=ukraine)
    make_participant(make_readout(organizations=[ukraine]), person)
    response = client.get(person.get_absolute_url())
    assertContains(response, "<h1>Volodymyr Zelenskyy</h1>", html=True)
    assertContains(response, "Zelensky, Zelenskiy")
    assertContains(response, f'<dt>Usually represents</dt><dd><a href="{ukraine.get_absolute_url()}">Ukraine</a></dd>', html=True)


def test_an_organization_in_no_published_readout_is_not_shown_as_a_persons(client):
    ministry = make_organization(name="Ministry of Unannounced Affairs")
    person = make_person(name="Volodymyr Zelenskyy", organization=ministry)
    make_participant(make_readout(), person)
    make_readout(organizations=[ministry], status=DRAFT)
    for url in (person.get_absolute_url(), reverse("readouts:person_list")):
        response = client.get(url)
        assertNotContains(response, "Ministry of Unannounced Affairs")
        assertNotContains(response, "Usually represents")
    assert client.get(ministry.get_absolute_url()).status_code == 404


def test_person_page_lists_titles_held_over_time_from_published_readouts(client):
    person = make_person()
    for day, title in ((1, "National Security Advisor"), (9, "National Security Advisor"), (20, "Secretary of State")):
        make_participant(make_readout(date=datetime.date(2025, 3, day)), person, title=title)
    make_participant(make_readout(date=datetime.date(2025, 3, 30), status=DRAFT), person, title="Secret title")
    response = client.get(person.get_absolute_url())
    assert list(response.context["titles"]) == [
        {"title": "National Security Advisor", "first": datetime.date(2025, 3, 1), "last": datetime.date(2025, 3, 9)},
        {"title": "Secretary of State", "first": datetime.date(2025, 3, 20), "last": datetime.date(2025, 3, 20)},
    ]
    assertNotContains(response, "Secret title")


def test_person_page_lists_their_published_readouts_newest_first_with_their_role(client, settings):
    settings.READOUTS_PER_PAGE = 2
    person = make_person()
    readouts = [make_readout(date=datetime.date(2025, 3, day)) for day in (1, 2, 3)]
    for readout in readouts:
        make_participant(readout, person, title="Special Envoy", role="delegation_member")
    make_participant(make_readout(title="Unpublished call", status=DRAFT), person)
    response = client.get(person.get_absolute_url())
    assert list(response.context["page"]) == [readouts[2], readouts[1]]
    assertContains(response, f'href="{readouts[2].get_absolute_url()}"')
    assertContains(response, "Delegation member, as Special Envoy")
    assertContains(response, 'href="?page=2"')
    second = client.get(person.get_absolute_url(), {"page": 2})
    assert list(second.context["page"]) == [readouts[0]]
    assertNotContains(second, "Unpublished call")
    assert client.get(person.get_absolute_url(), {"page": 3}).status_code == 404


def test_people_met_most_often_count_shared_published_readouts(client):
    person, often, once, only_in_drafts = (make_person() for _ in range(4))
    for _ in range(2):
        readout = make_readout()
        make_participant(readout, person)
        make_participant(readout, often)
    readout = make_readout()
    make_participant(readout, person)
    make_participant(readout, once)
    draft = make_readout(status=DRAFT)
    make_participant(draft, person)
    make_participant(draft, only_in_drafts)
    response = client.get(person.get_absolute_url())
    assert [(p, p.shared) for p in response.context["met_most_often"]] == [(often, 2), (once, 1)]
    assertContains(response, f'href="{often.get_absolute_url()}"')
    assertNotContains(response, f'href="{only_in_drafts.get_absolute_url()}"')


def test_person_page_lists_commitments_they_made_in_published_readouts(client):
    person = make_person()
    made = make_commitment(make_readout(), actor_people=[person], description="Send Patriot systems.")
    hidden = make_commitment(make_readout(status=DRAFT), actor_people=[person], description="A secret promise.")
    response = client.get(person.get_absolute_url())
    assertContains(response, f'href="{made.get_absolute_url()}"')
    assertNotContains(response, "A secret promise.")
    assertNotContains(response, f'href="{hidden.get_absolute_url()}"')


def test_person_page_shows_the_latest_commitments_and_how_many_there_are(client):
    person = make_person()
    for day in range(1, 24):
        make_commitment(make_readout(date=datetime.date(2025, 1, day)), actor_people=[person], description=f"Promise {day}.")
    response = client.get(person.get_absolute_url())
    assert len(response.context["commitments"]) == 20
    assertContains(response, "Promise 23.")
    assertNotContains(response, "Promise 3.")
    assertContains(response, "The latest 20 of 23")


def test_the_latest_commitments_of_one_day_are_those_the_commitment_list_puts_first(client):
    """Readouts of one date: the later entered (higher id) first, as on /commitments/."""
    person = make_person()
    for n in range(22):
        make_commitment(make_readout(date=datetime.date(2025, 1, 1)), actor_people=[person], description=f"Promise {n}.")
    shown = [commitment.description for commitment in client.get(person.get_absolute_url()).context["commitments"]]
    listed = client.get(reverse("readouts:commitment_list"), {"person": person.slug}).context["page"]
    assert shown == [commitment.description for commitment in listed][:20]
    assert shown[0] == "Promise 21." and "Promise 1." not in shown


def test_a_person_only_in_drafts_has_no_page_until_one_is_published(client):
    person = make_person(name="Steve Witkoff")
    draft = make_readout(title="Unpublished meeting in Moscow", status=DRAFT)
    make_participant(draft, person, title="Special Envoy to the Middle East")
    make_person(name="Nobody Yet", slug="nobody-yet")  # in no readout at all
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get("/people/nobody-yet/").status_code == 404
    draft.status = Readout.Status.PUBLISHED
    draft.save()
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, "Unpublished meeting in Moscow")


@pytest.mark.parametrize("path", ["/people/nobody/", "/people/%00/", "/people/<script>/"])
def test_an_unknown_person_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_bad_page_numbers_on_a_person_page_are_not_found(client):
    person = make_person()
    for page in ("abc", "0", "2"):
        assert client.get(person.get_absolute_url(), {"page": page}).status_code == 404

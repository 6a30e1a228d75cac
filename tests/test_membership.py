"""What makes a readout "of" a person, an organization or a topic (readouts.membership) is the
same on every surface: the entity's page, the list's filter, its feed, the API, the CSV download
and the search's facet and filter all give the same readouts."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse

from readouts.models import Organization, Person, Readout
from tests.factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_statement,
    make_topic,
)
from tests.test_query_counts import QUERIES

pytestmark = pytest.mark.django_db

WORD = "ceasefire"  # in every readout's title, for the search
FILTERS = {Person: "person", Organization: "organization"}


def on_page(client, entity):
    response = client.get(entity.get_absolute_url())
    assert response.status_code == 200
    return {readout.pk for readout in response.context["page"]}


def on_list(client, entity):
    response = client.get(reverse("readouts:readout_list"), {FILTERS[type(entity)]: entity.slug})
    assert response.status_code == 200
    return {readout.pk for readout in response.context["page"]}


def in_feed(client, entity):
    response = client.get(reverse(f"syndication:{FILTERS[type(entity)]}_atom", args=[entity.slug]))
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r"<id>http://testserver/r/(\d+)/</id>", response.content.decode())}


def in_api(client, entity):
    response = client.get(reverse("api:readout-list"), {FILTERS[type(entity)]: entity.slug})
    assert response.status_code == 200
    return {readout["id"] for readout in response.json()["results"]}


def in_csv(client, entity):
    response = client.get(reverse("downloads:readouts_csv"), {FILTERS[type(entity)]: entity.slug})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return {int(row["id"]) for row in csv.DictReader(io.StringIO(body, newline=""))}


def in_search(client, entity):
    """The readouts the search finds with the entity's filter, after checking that its facet
    counts as many."""
    kind = FILTERS[type(entity)]
    facets = client.get(reverse("readouts:search"), {"q": WORD}).context["facets"]
    counts = {option.label: option.count for name, _, options in facets if name == kind for option in options}
    response = client.get(reverse("readouts:search"), {"q": WORD, kind: entity.slug})
    assert response.status_code == 200
    found = {readout.pk for readout in response.context["page"]}
    assert counts.get(entity.name, 0) == len(found), counts
    return found


SURFACES = [on_page, on_list, in_feed, in_api, in_csv, in_search]


def assert_everywhere(client, entity, expected):
    # Nothing rebuilt: the write path derived every route as each edit committed.
    for surface in SURFACES:
        assert surface(client, entity) == expected, surface.__name__


@pytest.mark.parametrize("part", ["spoke", "quoted", "committed"])
def test_a_person_who_only_spoke_was_quoted_or_committed_has_the_readout_everywhere(client, part):
    envoy = make_person(name="Steve Witkoff", slug="steve-witkoff")
    readout = make_readout(title="Ceasefire talks in Riyadh", date=datetime.date(2025, 3, 1))
    make_participant(readout, make_person(name="Marco Rubio"))
    statement = make_statement(readout)
    if part == "spoke":
        statement.speakers.add(envoy)
    elif part == "quoted":
        make_quote(statement, speaker=envoy)
    else:
        make_commitment(readout, actor_people=[envoy])
    participated = make_readout(title="Ceasefire talks in Jeddah", date=datetime.date(2025, 3, 11))
    make_participant(participated, envoy)
    make_readout(title="Ceasefire talks elsewhere", date=datetime.date(2025, 3, 12))
    draft = make_readout(title="Ceasefire draft", status=Readout.Status.DRAFT)
    make_statement(draft, speakers=[envoy])

    assert_everywhere(client, envoy, {readout.pk, participated.pk})


def test_the_person_page_says_what_they_did_where_they_were_no_participant(client):
    envoy = make_person(name="Steve Witkoff", slug="steve-witkoff")
    readout = make_readout(title="Ceasefire talks in Riyadh")
    statement = make_statement(readout, speakers=[envoy])
    make_quote(statement, speaker=envoy)
    make_participant(make_readout(title="Ceasefire talks in Jeddah"), envoy, title="Special Envoy")
    response = client.get(envoy.get_absolute_url())
    text = re.sub(r"\s+", " ", response.content.decode())
    assert '<p class="readout-item__role">Spoke in a statement; Quoted</p>' in text
    assert '<p class="readout-item__role">Principal, as Special Envoy</p>' in text


def test_a_country_has_the_readouts_of_the_bodies_inside_it_everywhere(client):
    country = make_organization(name="United States", slug="united-states", kind="country")
    white_house = make_organization(name="The White House", slug="white-house", kind="government_body", parent=country)
    office = make_organization(name="Oval Office staff", slug="oval-office", kind="government_body", parent=white_house)
    listed = make_readout(title="Ceasefire call", date=datetime.date(2025, 2, 12), organizations=[white_house])
    represented = make_readout(title="Ceasefire meeting", date=datetime.date(2025, 2, 13))
    make_participant(represented, make_person(), represented=office)
    issued = make_readout(title="Ceasefire statement", date=datetime.date(2025, 2, 14))
    make_statement(issued, issuer=white_house)
    committed = make_readout(title="Ceasefire pledge", date=datetime.date(2025, 2, 15))
    make_commitment(committed).actor_organizations.add(office)
    own = make_readout(title="Ceasefire visit", date=datetime.date(2025, 2, 16), organizations=[country])
    make_readout(title="Ceasefire elsewhere", organizations=[make_organization(name="Ukraine", kind="country")])
    make_readout(title="Ceasefire draft", status=Readout.Status.DRAFT, organizations=[white_house])

    assert_everywhere(client, country, {listed.pk, represented.pk, issued.pk, committed.pk, own.pk})
    assert_everywhere(client, white_house, {listed.pk, represented.pk, issued.pk, committed.pk})


def test_a_topic_has_the_readouts_of_every_level_of_its_subtopics(client):
    places = make_topic(name="United States", slug="us-place", kind="place")
    city = make_topic(name="Washington", slug="washington", kind="place", parent=places)
    building = make_topic(name="White House", slug="white-house-place", kind="place", parent=city)
    readout = make_readout(title="Ceasefire talks", topics=[building])
    make_readout(title="Ceasefire elsewhere", topics=[make_topic(name="Riyadh", kind="place")])
    for topic in (places, city, building):
        assert set(Readout.objects.published().of(topic).values_list("pk", flat=True)) == {readout.pk}
        response = client.get(reverse("readouts:readout_list"), {"topic": topic.slug})
        assert [each.pk for each in response.context["page"]] == [readout.pk]


@pytest.mark.parametrize("size", [1, 4])
def test_the_parts_of_a_person_who_was_no_participant_take_one_query(client, django_assert_num_queries, size):
    envoy = make_person(name="Steve Witkoff", slug="steve-witkoff")
    for n in range(size):
        statement = make_statement(make_readout(title=f"Ceasefire talks {n}"), speakers=[envoy])
        make_quote(statement, speaker=envoy)
        make_commitment(statement.readout, actor_people=[envoy])
    # As tests/test_query_counts.py counts the person page, and their parts in those readouts.
    with django_assert_num_queries(QUERIES["person_detail"] + 1):
        response = client.get(envoy.get_absolute_url())
    assert [readout.other_parts for readout in response.context["page"]] == [
        ["Spoke in a statement", "Quoted", "Among a commitment's actors"]
    ] * size

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from tests.factories import make_readout, make_topic

pytestmark = pytest.mark.django_db


def test_topic_list_groups_themes_and_places_with_subtopics_nested(client):
    air_defence = make_topic(name="Air defence")
    patriot = make_topic(name="Patriot", parent=air_defence)
    kursk = make_topic(name="Kursk", kind="place")
    unannounced = make_topic(name="Unannounced summit", kind="place")
    make_readout(topics=[patriot])
    make_readout(topics=[air_defence])
    make_readout(topics=[kursk])
    make_readout(topics=[air_defence, unannounced], status=Readout.Status.DRAFT)
    make_topic(name="Nothing yet", parent=air_defence)
    response = client.get(reverse("readouts:topic_list"))
    groups = dict(response.context["groups"])
    assert groups["Themes"] == [air_defence]
    assert groups["Places"] == [kursk]
    assert groups["Themes"][0].readout_count == 2
    assert groups["Themes"][0].subtopics[0].readout_count == 1
    for topic in (air_defence, patriot, kursk):
        assertContains(response, f'href="{topic.get_absolute_url()}"')
    assertNotContains(response, "Unannounced summit")
    assertNotContains(response, "Nothing yet")
    assert client.get(unannounced.get_absolute_url()).status_code == 404


def test_topic_page_shows_breadcrumb_subtopics_and_readouts_including_subtopics(client):
    security = make_topic(name="Security")
    air_defence = make_topic(name="Air defence", parent=security)
    patriot = make_topic(name="Patriot", parent=air_defence)
    about_it = make_readout(topics=[air_defence], date=datetime.date(2025, 3, 2))
    about_sub = make_readout(topics=[patriot], date=datetime.date(2025, 3, 1))
    make_readout(title="Unpublished about air defence", topics=[air_defence], status=Readout.Status.DRAFT)
    response = client.get(air_defence.get_absolute_url())
    assert list(response.context["page"]) == [about_it, about_sub]
    assertContains(response, f'href="{security.get_absolute_url()}"')
    assertContains(response, f'href="{patriot.get_absolute_url()}"')
    assertContains(response, f'href="{about_sub.get_absolute_url()}"')
    assertNotContains(response, "Unpublished about air defence")
    assertContains(response, "Theme")


def test_topic_page_breadcrumb_shows_grandparent(client):
    top = make_topic(name="Security")
    middle = make_topic(name="Air defence", parent=top)
    leaf = make_topic(name="Patriot", parent=middle)
    make_readout(topics=[leaf])
    response = client.get(leaf.get_absolute_url())
    assertContains(response, f'href="{top.get_absolute_url()}"')
    assertContains(response, f'href="{middle.get_absolute_url()}"')


def test_topic_page_is_paginated(client, settings):
    settings.READOUTS_PER_PAGE = 1
    topic = make_topic()
    make_readout(topics=[topic])
    make_readout(topics=[topic])
    assert client.get(topic.get_absolute_url(), {"page": 2}).status_code == 200
    assert client.get(topic.get_absolute_url(), {"page": 3}).status_code == 404
    assert client.get(topic.get_absolute_url(), {"page": "last"}).status_code == 404


def test_an_unknown_topic_is_not_found(client):
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_a_readout_tagged_with_a_topic_and_its_subtopic_counts_once(client):
    air_defence = make_topic(name="Air defence")
    patriot = make_topic(name="Patriot", parent=air_defence)
    make_readout(topics=[air_defence, patriot])
    response = client.get(reverse("readouts:topic_list"))
    assert dict(response.context["groups"])["Themes"][0].readout_count == 1
    subtopics = client.get(air_defence.get_absolute_url()).context["subtopics"]
    assert [(topic, topic.readout_count) for topic in subtopics] == [(patriot, 1)]
    assert client.get(air_defence.get_absolute_url()).context["page"].paginator.count == 1

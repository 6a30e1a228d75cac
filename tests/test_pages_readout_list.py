import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from tests.factories import (
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

LIST = reverse("readouts:readout_list")


def titles(response):
    return [readout.title for readout in response.context["page"]]


def test_list_shows_published_readouts_newest_first_with_links(client):
    older = make_readout(title="Older call", date=datetime.date(2025, 2, 12))
    newer = make_readout(title="Newer call", date=datetime.date(2025, 3, 18))
    make_readout(title="Unpublished call", status=Readout.Status.DRAFT)
    response = client.get(LIST)
    assert titles(response) == ["Newer call", "Older call"]
    assertContains(response, f'href="{newer.get_absolute_url()}"')
    assertContains(response, f'href="{older.get_absolute_url()}"')
    assertNotContains(response, "Unpublished call")


def test_list_is_paginated_and_keeps_filters_in_page_links(client, settings):
    settings.READOUTS_PER_PAGE = 2
    for day in range(1, 6):
        make_readout(date=datetime.date(2025, 3, day), format="meeting")
    response = client.get(LIST, {"format": "meeting", "person": "", "page": 2})
    assert response.status_code == 200
    assert response.context["page"].number == 2
    assertContains(response, 'href="?format=meeting&amp;page=3"')
    # Page 1 has one canonical address: no page number, and empty fields dropped.
    assertContains(response, 'href="?format=meeting"')


@pytest.mark.parametrize("bad_page", ["abc", "0", "-1", "99999", "1.5", "\x00"])
def test_a_bad_page_number_is_a_404(client, bad_page):
    make_readout()
    assert client.get(LIST, {"page": bad_page}).status_code == 404


def test_filter_by_date_range(client):
    make_readout(title="February call", date=datetime.date(2025, 2, 12))
    make_readout(title="March call", date=datetime.date(2025, 3, 18))
    make_readout(title="April call", date=datetime.date(2025, 4, 2))
    response = client.get(LIST, {"date_after": "2025-03-01", "date_before": "2025-03-31"})
    assert titles(response) == ["March call"]


def test_filter_by_person_slug(client):
    zelenskyy = make_person(slug="volodymyr-zelenskyy")
    make_participant(make_readout(title="With Zelenskyy"), zelenskyy)
    make_participant(make_readout(title="Without him"))
    response = client.get(LIST, {"person": "volodymyr-zelenskyy"})
    assert titles(response) == ["With Zelenskyy"]


def test_filter_by_organization_matches_listed_represented_or_issuing(client):
    ukraine = make_organization(slug="ukraine")
    make_readout(title="Listed", organizations=[ukraine], date=datetime.date(2025, 3, 3))
    make_participant(make_readout(title="Represented", date=datetime.date(2025, 3, 2)), represented=ukraine)
    make_statement(make_readout(title="Issued", date=datetime.date(2025, 3, 1)), issuer=ukraine)
    make_readout(title="Unrelated")
    response = client.get(LIST, {"organization": "ukraine"})
    assert titles(response) == ["Listed", "Represented", "Issued"]


def test_filter_by_topic_includes_direct_subtopics(client):
    air_defence = make_topic(slug="air-defence")
    patriot = make_topic(slug="patriot", parent=air_defence)
    make_readout(title="About air defence", topics=[air_defence], date=datetime.date(2025, 3, 2))
    make_readout(title="About Patriot", topics=[patriot], date=datetime.date(2025, 3, 1))
    make_readout(title="About something else", topics=[make_topic()])
    assert titles(client.get(LIST, {"topic": "air-defence"})) == ["About air defence", "About Patriot"]
    assert titles(client.get(LIST, {"topic": "patriot"})) == ["About Patriot"]


def test_filter_by_format_and_statement_kind(client):
    meeting = make_readout(title="A meeting", format="meeting")
    make_statement(meeting, kind="joint_statement")
    make_statement(make_readout(title="A call", format="phone_call"), kind="readout")
    assert titles(client.get(LIST, {"format": "meeting"})) == ["A meeting"]
    assert titles(client.get(LIST, {"statement_kind": "joint_statement"})) == ["A meeting"]


def test_filter_form_is_a_labelled_get_form(client):
    make_person(name="Marco Rubio", slug="marco-rubio")
    response = client.get(LIST)
    assertContains(response, '<form class="filters" method="get"')
    for name in ("date_after", "date_before", "person", "organization", "topic", "format", "statement_kind"):
        assertContains(response, f'<label for="id_{name}"')
        assertContains(response, f'name="{name}"')
    # People are typed by name: a <select> of everyone runs to thousands of options.
    assertContains(response, '<input type="text" name="person"')
    assertNotContains(response, "marco-rubio")


@pytest.mark.parametrize(
    "query, field",
    [
        ({"date_after": "notadate"}, "date_after"),
        ({"date_before": "2025-02-30"}, "date_before"),
        ({"format": "bogus"}, "format"),
        ({"statement_kind": "<script>"}, "statement_kind"),
        ({"person": "\x00"}, "person"),
        ({"person": "nobody-by-this-name"}, "person"),
        ({"organization": "../../etc"}, "organization"),
        ({"topic": "x" * 500}, "topic"),
        ({"date_after": "2025-04-01", "date_before": "2025-03-01"}, "date_before"),
    ],
)
def test_an_invalid_filter_shows_the_form_error_with_a_400(client, query, field):
    make_readout(title="Should not be listed")
    response = client.get(LIST, query)
    assert response.status_code == 400
    assert field in response.context["filterset"].form.errors
    assertContains(response, 'class="errorlist', status_code=400)
    assertNotContains(response, "Should not be listed", status_code=400)


def test_hostile_filter_values_are_escaped(client):
    response = client.get(LIST, {"format": "<script>alert(1)</script>"})
    assertNotContains(response, "<script>alert(1)</script>", status_code=400)


def test_unknown_parameters_are_ignored(client):
    make_readout(title="Still listed")
    response = client.get(LIST, {"utm_source": "newsletter"})
    assertContains(response, "Still listed")


def test_the_chosen_filters_stay_selected_in_the_form(client):
    make_participant(make_readout(), make_person(name="Marco Rubio", slug="marco-rubio"))
    response = client.get(LIST, {"person": "marco-rubio", "format": "meeting", "date_after": "2025-03-01"})
    assertContains(response, 'name="person" value="Marco Rubio"')
    assertContains(response, '<option value="meeting" selected>Meeting</option>', html=True)
    assertContains(response, 'value="2025-03-01"')

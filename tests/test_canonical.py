"""Every public page names its canonical address in <head>, and lists name their neighbouring
pages (and a readout its previous and next readouts) with rel="prev" and rel="next"."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from readouts.models import Readout
from readouts.search.index import rebuild
from tests.factories import (
    make_commitment,
    make_editor,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_topic,
)

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def head(response):
    html = response.content.decode()
    return html[: html.index("</head>")]


def links(response, rel):
    return [unescape(href) for href in re.findall(rf'<link rel="{rel}" href="([^"]*)">', head(response))]


def canonical(response):
    found = links(response, "canonical")
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def archive():
    person = make_person(slug="the-person")
    country = make_organization(slug="the-country")
    topic = make_topic(slug="the-topic")
    readouts = [
        make_readout(slug=f"call-{n}", date=datetime.date(2025, 3, n), topics=[topic], organizations=[country])
        for n in range(1, 4)
    ]
    for readout in readouts:
        make_participant(readout, person)
    make_commitment(readouts[0])
    return readouts


def public_pages(readouts):
    readout = readouts[1]
    return [
        reverse("readouts:home"),
        reverse("readouts:readout_list"),
        reverse("readouts:year_archive", args=[2025]),
        reverse("readouts:month_archive", args=[2025, 3]),
        readout.get_absolute_url(),
        reverse("readouts:person_list"),
        reverse("readouts:person_detail", args=["the-person"]),
        reverse("readouts:organization_list"),
        reverse("readouts:organization_detail", args=["the-country"]),
        reverse("readouts:topic_list"),
        reverse("readouts:topic_detail", args=["the-topic"]),
        reverse("readouts:commitment_list"),
        readout_commitment(readouts[0]),
        reverse("readouts:search"),
    ]


def readout_commitment(readout):
    return readout.commitments.get().get_absolute_url()


def test_every_public_page_names_itself_as_canonical(client, archive):
    for url in public_pages(archive):
        response = client.get(url)
        assert response.status_code == 200, url
        assert canonical(response) == HOST + url


def test_the_readout_pages_canonical_is_its_dated_address_however_it_was_reached(client, archive):
    readout = archive[1]
    readout.slug = "renamed"
    readout.save()
    response = client.get(reverse("readouts:readout_short", args=[readout.pk]), follow=True)
    assert canonical(response) == HOST + "/readouts/2025/03/02/renamed/"
    response = client.get("/readouts/2025/03/02/call-2/?utm_source=feed", follow=True)
    assert canonical(response) == HOST + "/readouts/2025/03/02/renamed/"


def test_a_filtered_list_and_a_search_point_at_the_bare_list(client, archive, settings):
    settings.READOUTS_PER_PAGE = 1
    url = reverse("readouts:readout_list")
    assert canonical(client.get(url, {"person": "the-person", "page": 2})) == HOST + url
    assert canonical(client.get(url, {"page": 2})) == HOST + url + "?page=2"
    assert canonical(client.get(url, {"page": 1})) == HOST + url
    search = reverse("readouts:search")
    assert canonical(client.get(search, {"q": "telephone"})) == HOST + search


def test_the_not_found_page_names_no_canonical(client):
    response = client.get("/people/nobody-at-all/")
    assert response.status_code == 404
    assert links(response, "canonical") == []


def test_a_preview_names_no_canonical_and_no_neighbours(client, archive):
    draft = make_readout(status=Readout.Status.DRAFT, date=datetime.date(2025, 3, 2))
    client.force_login(make_editor())
    response = client.get(reverse("readouts:readout_preview", args=[draft.pk]))
    assert response.status_code == 200
    assert links(response, "canonical") == links(response, "prev") == links(response, "next") == []


# rel="prev" and rel="next"


def test_a_readout_names_the_previous_and_next_readouts(client, archive):
    first, middle, last = archive
    response = client.get(middle.get_absolute_url())
    assert links(response, "prev") == [first.get_absolute_url()]
    assert links(response, "next") == [last.get_absolute_url()]
    assert links(client.get(first.get_absolute_url()), "prev") == []
    assert links(client.get(last.get_absolute_url()), "next") == []


def test_a_readout_never_names_a_draft_as_its_neighbour(client, archive):
    first, middle, last = archive
    make_readout(status=Readout.Status.DRAFT, date=datetime.date(2025, 3, 2), slug="secret-draft")
    response = client.get(middle.get_absolute_url())
    assert "secret-draft" not in head(response)


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("readouts:readout_list", []),
        ("readouts:month_archive", [2025, 3]),
        ("readouts:person_detail", ["the-person"]),
        ("readouts:organization_detail", ["the-country"]),
        ("readouts:topic_detail", ["the-topic"]),
    ],
)
def test_a_paginated_list_names_its_neighbouring_pages_with_its_filters(client, archive, settings, url_name, args):
    settings.READOUTS_PER_PAGE = 1
    url = reverse(url_name, args=args)
    first = client.get(url, {"format": "phone_call"})
    assert links(first, "prev") == []
    assert links(first, "next") == [HOST + url + "?format=phone_call&page=2"]
    middle = client.get(url, {"format": "phone_call", "page": 2})
    assert links(middle, "prev") == [HOST + url + "?format=phone_call"]  # page 1 has no number
    assert links(middle, "next") == [HOST + url + "?format=phone_call&page=3"]
    last = client.get(url, {"format": "phone_call", "page": 3})
    assert links(last, "next") == []


def test_search_results_name_their_neighbouring_pages(client, archive, settings):
    rebuild()
    settings.READOUTS_PER_PAGE = 1
    url = reverse("readouts:search")
    response = client.get(url, {"q": "telephone", "page": 2})
    assert response.status_code == 200
    assert links(response, "prev") == [HOST + url + "?q=telephone"]
    assert links(response, "next") == [HOST + url + "?q=telephone&page=3"]


def test_a_list_of_one_page_names_no_neighbours(client, archive):
    response = client.get(reverse("readouts:readout_list"))
    assert links(response, "prev") == links(response, "next") == []

"""sitemap.xml: an index of sections that lists every public page, each answering 200, and no
draft; absolute addresses on the request's host; a fixed number of queries."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from readouts.syndication import sitemaps
from tests.factories import build_sized_archive
from tests.syndication_helpers import build_archive

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ORIGIN = "http://testserver"


@pytest.fixture
def archive():
    return build_archive()


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def section_addresses(client, **headers):
    index = parse(client.get(reverse("syndication:sitemap"), **headers))
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]


def listed(client, **headers):
    """{address: lastmod or None} of every page the sitemap lists, through its index."""
    pages = {}
    for section in section_addresses(client, **headers):
        parts = urlsplit(section)
        urlset = parse(client.get(parts.path, {"p": parts.query[2:]} if parts.query else {}, **headers))
        for url in urlset.findall("sm:url", NS):
            loc = url.find("sm:loc", NS).text
            assert loc not in pages, f"{loc} listed twice"
            lastmod = url.find("sm:lastmod", NS)
            pages[loc] = lastmod.text if lastmod is not None else None
    return pages


def test_index_has_one_section_per_kind_of_page(client, archive):
    assert section_addresses(client) == [
        f"{ORIGIN}/sitemap-{section}.xml"
        for section in ("pages", "archives", "readouts", "people", "organizations", "topics", "commitments",
                        "relations")
    ]


def test_sitemap_lists_every_public_page_and_no_other(client, archive):
    expected = [
        reverse("readouts:home"),
        reverse("readouts:readout_list"),
        reverse("readouts:person_list"),
        reverse("readouts:organization_list"),
        reverse("readouts:topic_list"),
        reverse("readouts:commitment_list"),
        reverse("readouts:year_archive", args=[2024]),
        reverse("readouts:year_archive", args=[2025]),
        reverse("readouts:month_archive", args=[2024, 2]),
        reverse("readouts:month_archive", args=[2025, 3]),
        archive.older.get_absolute_url(),
        archive.newer.get_absolute_url(),
        archive.elsewhere.get_absolute_url(),
        archive.commitment.get_absolute_url(),
        # People, organizations and topics in a published readout; the body, in none, has no page.
        *(entity.get_absolute_url() for entity in (archive.person, archive.other_person)),
        archive.country.get_absolute_url(),
        *(entity.get_absolute_url() for entity in (archive.topic, archive.subtopic)),
    ]
    assert sorted(listed(client)) == sorted(ORIGIN + path for path in expected)
    assert client.get(archive.body.get_absolute_url()).status_code == 404


def test_every_listed_page_answers_200(client, archive):
    for address in listed(client):
        assert address.startswith(ORIGIN + "/")
        assert client.get(address.removeprefix(ORIGIN)).status_code == 200, address


def test_no_draft_in_the_sitemap(client, archive):
    pages = listed(client)
    assert ORIGIN + archive.draft.get_absolute_url() not in pages
    assert ORIGIN + archive.draft_commitment.get_absolute_url() not in pages
    # The draft's year and month have no published readout.
    assert ORIGIN + reverse("readouts:year_archive", args=[2019]) not in pages
    assert ORIGIN + reverse("readouts:month_archive", args=[2019, 5]) not in pages
    for section in ["pages", "archives", "readouts", "people", "organizations", "topics", "commitments", "relations"]:
        body = client.get(reverse("syndication:sitemap_section", args=[section])).content.decode()
        assert "DRAFTMARKER" not in body and "draftmarker" not in body


def test_readouts_carry_their_last_change(client, archive):
    pages = listed(client)
    assert pages[ORIGIN + archive.newer.get_absolute_url()] == archive.newer.updated_at.date().isoformat()


def test_a_readout_edited_after_publication_shows_its_new_date(client, archive):
    archive.older.summary = "Edited."
    archive.older.save()
    assert listed(client)[ORIGIN + archive.older.get_absolute_url()] == archive.older.updated_at.date().isoformat()


def test_addresses_are_at_the_canonical_origin_whatever_the_requests_host(client, archive, settings):
    settings.READOUTS_BASE_URL = "https://archive.example"
    settings.ALLOWED_HOSTS = ["archive.example", "other.example"]
    pages = listed(client, HTTP_HOST="other.example:8443")
    assert pages and all(address.startswith("https://archive.example/") for address in pages)
    sections = section_addresses(client, HTTP_HOST="other.example:8443")
    assert sections and all(address.startswith("https://archive.example/sitemap-") for address in sections)


def test_a_large_section_is_split_into_pages_the_index_lists(client, archive, monkeypatch):
    monkeypatch.setattr(sitemaps.ReadoutsSitemap, "limit", 2)
    sections = section_addresses(client)
    assert f"{ORIGIN}/sitemap-readouts.xml" in sections
    assert f"{ORIGIN}/sitemap-readouts.xml?p=2" in sections
    assert f"{ORIGIN}/sitemap-readouts.xml?p=3" not in sections
    first = parse(client.get("/sitemap-readouts.xml")).findall("sm:url/sm:loc", NS)
    second = parse(client.get("/sitemap-readouts.xml", {"p": 2})).findall("sm:url/sm:loc", NS)
    # Oldest first, so that a page keeps its addresses as readouts are added.
    assert [loc.text for loc in first + second] == [
        ORIGIN + readout.get_absolute_url() for readout in (archive.older, archive.newer, archive.elsewhere)
    ]


@pytest.mark.parametrize("query", [{"p": 3}, {"p": 0}, {"p": "x"}, {"p": "1.5"}, {"p": "-1"}])
def test_a_page_beyond_the_section_or_not_a_number_is_404(client, archive, monkeypatch, query):
    monkeypatch.setattr(sitemaps.ReadoutsSitemap, "limit", 2)
    assert client.get("/sitemap-readouts.xml", query).status_code == 404


def test_unknown_section_is_404(client, archive):
    assert client.get("/sitemap-drafts.xml").status_code == 404


def test_empty_archive_still_has_a_valid_sitemap(client):
    pages = listed(client)
    assert ORIGIN + reverse("readouts:home") in pages
    assert all(client.get(address.removeprefix(ORIGIN)).status_code == 200 for address in pages)


SITEMAP_QUERIES = {
    # per section, its count (the archives': their days); the readouts' latest change
    "index": 8,
    "pages": 0,
    # the days that have published readouts
    "archives": 1,
    # count, page
    "readouts": 2,
    "people": 2,
    "organizations": 2,
    "topics": 2,
    "commitments": 2,
    "relations": 2,
}


@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize("section", SITEMAP_QUERIES)
def test_sitemap_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size, section):
    build_sized_archive(size)
    if section == "index":
        url = reverse("syndication:sitemap")
    else:
        url = reverse("syndication:sitemap_section", args=[section])
    with django_assert_num_queries(SITEMAP_QUERIES[section]):
        response = client.get(url)
    parse(response)

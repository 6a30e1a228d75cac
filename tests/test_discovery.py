"""How feed readers, crawlers and browsers find their way in: each page's <link rel="alternate">
feeds and visible Subscribe link, robots.txt, and the OpenSearch description."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from readouts.search.index import rebuild
from tests.syndication_helpers import Links, build_archive

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
ATOM, RSS = "application/atom+xml", "application/rss+xml"


@pytest.fixture
def archive():
    return build_archive()


def pages_with_feeds(archive):
    """Each page that has its own feed: the page's address, and the feed's subject and arguments."""
    return {
        "home": (reverse("readouts:home"), "readouts", []),
        "readout_list": (reverse("readouts:readout_list"), "readouts", []),
        "person": (archive.person.get_absolute_url(), "person", [archive.person.slug]),
        "organization": (archive.country.get_absolute_url(), "organization", [archive.country.slug]),
        "topic": (archive.topic.get_absolute_url(), "topic", [archive.topic.slug]),
        "commitment": (archive.commitment.get_absolute_url(), "commitment", [archive.commitment.pk]),
    }


@pytest.mark.parametrize("page", ["home", "readout_list", "person", "organization", "topic", "commitment"])
def test_page_links_its_own_feeds_and_they_answer(client, archive, page):
    url, subject, args = pages_with_feeds(archive)[page]
    links = Links(client.get(url).content.decode())
    atom = reverse(f"syndication:{subject}_atom", args=args)
    rss = reverse(f"syndication:{subject}_rss", args=args)
    # The home page also links the feed of publishers' changes across the archive.
    also = {fmt: [reverse(f"syndication:changes_{fmt}")] if page == "home" else [] for fmt in ("atom", "rss")}
    assert links.rel("alternate", ATOM) == [atom, *also["atom"]]
    assert links.rel("alternate", RSS) == [rss, *also["rss"]]
    for address, content_type in ((atom, ATOM), (rss, RSS)):
        response = client.get(address)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert feedparser.parse(response.content).bozo == 0
    # The home page's feed is the readout list's; every other feed points back at its own page.
    expected_link = reverse("readouts:readout_list") if subject == "readouts" else url
    assert feedparser.parse(client.get(atom).content).feed.link == ORIGIN + expected_link


def test_alternate_links_are_titled_after_their_feed(client, archive):
    links = Links(client.get(archive.person.get_absolute_url()).content.decode())
    titles = [link["title"] for link in links.head_links if link.get("rel") == "alternate"]
    assert titles == ["Readouts with Volodymyr Zelenskyy (Atom)", "Readouts with Volodymyr Zelenskyy (RSS)"]


@pytest.mark.parametrize("page", ["home", "readout_list", "person", "organization", "topic", "commitment"])
def test_page_has_a_visible_subscribe_link_to_its_atom_feed(client, archive, page):
    url, subject, args = pages_with_feeds(archive)[page]
    anchors = Links(client.get(url).content.decode()).anchors
    subscribe = [anchor for anchor in anchors if anchor.get("type") == ATOM]
    also = [reverse("syndication:changes_atom")] if page == "home" else []  # publishers' changes
    assert [anchor["href"] for anchor in subscribe] == [reverse(f"syndication:{subject}_atom", args=args), *also]
    html = client.get(url).content.decode()
    assert f'href="{subscribe[0]["href"]}" type="{ATOM}" title="' in html
    assert ">Subscribe</a>" in html


def test_other_pages_offer_the_newest_readouts_feed(client, archive):
    for url in (archive.newer.get_absolute_url(), reverse("readouts:year_archive", args=[2025]),
                reverse("readouts:person_list"), reverse("readouts:search") + "?q=energy"):
        links = Links(client.get(url).content.decode())
        assert links.rel("alternate", ATOM) == [reverse("syndication:readouts_atom")], url


def test_every_page_links_the_opensearch_description(client, archive):
    pages = [url for url, _, _ in pages_with_feeds(archive).values()]
    for url in pages + [archive.newer.get_absolute_url(), reverse("readouts:search"), "/no-such-page/"]:
        links = Links(client.get(url).content.decode())
        assert links.rel("search", "application/opensearchdescription+xml") == [reverse("syndication:opensearch")]


def test_no_draft_feed_is_linked_from_any_page(client, archive):
    for url, _, _ in pages_with_feeds(archive).values():
        assert "DRAFTMARKER" not in client.get(url).content.decode()


def test_robots_txt_allows_the_public_pages_and_names_the_sitemap(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {line for line in lines if line.startswith(("Allow", "Disallow"))} == {
        "Disallow: /admin/",
        "Disallow: /preview/",
    }
    sitemap = [line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap: ")]
    assert sitemap == [f"{ORIGIN}/sitemap.xml"]
    assert client.get(sitemap[0].removeprefix(ORIGIN)).status_code == 200


def test_robots_txt_names_the_sitemap_at_the_canonical_origin(client, settings):
    settings.READOUTS_BASE_URL = "https://archive.example"
    settings.ALLOWED_HOSTS = ["archive.example", "other.example"]
    body = client.get("/robots.txt", HTTP_HOST="other.example:8443").content.decode()
    assert "Sitemap: https://archive.example/sitemap.xml\n" in body


def test_disallowed_prefixes_are_the_editors_pages(client, archive):
    assert reverse("admin:index").startswith("/admin/")
    assert reverse("readouts:readout_preview", args=[archive.draft.pk]).startswith("/preview/")


OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def test_opensearch_description_lets_a_browser_search_the_archive(client, archive, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/opensearchdescription+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{OPENSEARCH}OpenSearchDescription"
    short_name = root.find(f"{OPENSEARCH}ShortName").text
    assert short_name == "Readouts" and len(short_name) <= 16
    assert len(root.find(f"{OPENSEARCH}Description").text) <= 1024
    assert root.find(f"{OPENSEARCH}InputEncoding").text == "UTF-8"
    urls = {url.get("type"): url.get("template") for url in root.findall(f"{OPENSEARCH}Url")}
    assert urls["text/html"] == f"{ORIGIN}/search/?q={{searchTerms}}"
    assert urls["application/opensearchdescription+xml"] == f"{ORIGIN}/opensearch.xml"
    # The template, filled in, is a working search.
    rebuild()  # the index follows edits on commit, which a test's transaction never reaches
    search = client.get(urls["text/html"].replace("{searchTerms}", "energy").removeprefix(ORIGIN))
    assert search.status_code == 200
    assert archive.newer.title in [readout.title for readout in search.context["page"]]


@pytest.mark.parametrize("address", ["/robots.txt", "/opensearch.xml"])
def test_discovery_files_refuse_writes(client, address):
    assert client.post(address).status_code == 405
    assert client.head(address).status_code == 200

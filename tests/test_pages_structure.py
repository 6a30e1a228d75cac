"""What every page shares: its own title and description, landmarks, one h1 and ordered headings,
labelled form fields, a skip link, and the site's design on error pages."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import (
    make_commitment,
    make_discrepancy,
    make_link,
    make_organization,
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    """The parts of a page these tests look at."""

    def __init__(self):
        super().__init__()
        self.tags, self.headings, self.labels, self.fields, self.ids = [], [], set(), [], []
        self.html_lang = self.description = None
        self.title, self._in_title = "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        elif tag == "title" and "svg" not in self.tags:  # the page's, not a chart's (it comes first)
            self._in_title = True
        elif tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.fields.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.fixture
def pages():
    """One of each public page, over a small archive with every kind of record."""
    person = make_person()
    colleague = make_person()
    country = make_organization()
    body = make_organization(kind="government_body", parent=country)
    theme = make_topic()
    subtheme = make_topic(parent=theme)
    place = make_topic(kind="place")
    earlier = make_readout(date=datetime.date(2025, 3, 1), topics=[theme])
    readout = make_readout(
        date=datetime.date(2025, 3, 19), topics=[theme, subtheme, place], organizations=[country], background="One.\n\nTwo."
    )
    later = make_readout(date=datetime.date(2025, 3, 23), topics=[theme])
    for each in (earlier, readout, later):
        make_participant(each, person, represented=country)
        make_participant(each, colleague)
    statement = make_statement(readout, issuer=body, text="First.\n\nSecond.", speakers=[person])
    make_quote(statement, speaker=person)
    make_discrepancy(readout, versions=[("one way", statement), ("another way", None)])
    commitment = make_commitment(readout, actor_people=[person], statement=statement)
    make_update(commitment, evidence=later, date=later.date)
    make_link(readout, earlier)
    make_link(later, readout)
    return {
        "home": reverse("readouts:home"),
        "readout_list": reverse("readouts:readout_list"),
        "year_archive": reverse("readouts:year_archive", args=[2025]),
        "month_archive": reverse("readouts:month_archive", args=[2025, 3]),
        "readout_detail": readout.get_absolute_url(),
        "person_list": reverse("readouts:person_list"),
        "person_detail": person.get_absolute_url(),
        "organization_list": reverse("readouts:organization_list"),
        "organization_detail": country.get_absolute_url(),
        "topic_list": reverse("readouts:topic_list"),
        "topic_detail": theme.get_absolute_url(),
        "commitment_list": reverse("readouts:commitment_list"),
        "commitment_table": reverse("readouts:commitment_table"),
        "commitment_detail": commitment.get_absolute_url(),
        "relation_detail": reverse("readouts:relation_detail", args=sorted([person.slug, country.slug])),
        "not_found": "/no-such-page/",
    }


def test_every_page_is_well_formed_and_accessible(client, pages):
    titles, descriptions = set(), set()
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not_found" else 200), name
        page = outline(response.content.decode())
        assert page.html_lang == "en", name
        for landmark in ("header", "nav", "main", "footer"):
            assert landmark in page.tags, (name, landmark)
        assert 'href="#main"' in response.content.decode(), name
        assert page.headings.count(1) == 1, (name, page.headings)
        assert page.headings[0] == 1, (name, page.headings)
        for before, after in zip(page.headings, page.headings[1:]):
            assert after <= before + 1, (name, page.headings)
        assert all(field in page.labels for field in page.fields), (name, page.fields, page.labels)
        assert len(page.ids) == len(set(page.ids)), (name, "duplicate ids")
        assert page.title.strip() and page.description and page.description.strip(), name
        titles.add(page.title)
        descriptions.add(page.description)
    assert len(titles) == len(pages)
    assert len(descriptions) == len(pages)


def test_pages_use_the_stylesheet_and_fetch_nothing_from_elsewhere(client, pages):
    for url in pages.values():
        html = client.get(url).content.decode()
        assert 'rel="stylesheet" href="/static/css/readouts.css"' in html
        # Scripts: only the archive's own, deferred (progressive enhancement), and JSON-LD data.
        for script in re.findall(r"<script[^>]*>", html):
            own_script = re.fullmatch(r'<script src="/static/js/[\w.-]+\.js" defer>', script)
            assert own_script or script == '<script type="application/ld+json">', script
        assert "fonts.googleapis" not in html and "@import" not in html


def test_main_navigation_marks_the_current_section(client, pages):
    html = client.get(pages["person_detail"]).content.decode()
    assert f'<a href="{reverse("readouts:person_list")}" aria-current="page">People</a>' in html


def test_the_not_found_page_is_in_the_sites_design(client):
    response = client.get("/readouts/2025/03/19/nothing-here/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Not found · Readouts archive</title>" in html
    assert f'href="{reverse("readouts:readout_list")}"' in html


def test_the_server_error_page_renders_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert 'href="/static/css/readouts.css"' in html

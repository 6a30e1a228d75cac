"""What citation managers, search engines and link previews read from a readout page's <head>:
Highwire Press citation_* tags, Open Graph and Twitter tags, and schema.org JSON-LD, read with
standard parsers (extruct, html.parser)."""

import datetime
from html.parser import HTMLParser

import extruct
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertNotContains

from readouts.models import Readout
from tests.factories import (
    make_editor,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


class MetaTags(HTMLParser):
    """(name or property, content) pairs of the <meta> tags, in order."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs and ("name" in attrs or "property" in attrs):
            self.tags.append((attrs.get("name") or attrs["property"], attrs["content"]))

    def all(self, name):
        return [content for key, content in self.tags if key == name]

    def one(self, name):
        (content,) = self.all(name)
        return content


def extract(response):
    return extruct.extract(
        response.content.decode(), base_url=BASE + response.wsgi_request.path, syntaxes=["json-ld", "opengraph"],
        uniform=False,
    )


@pytest.fixture
def call():
    united_states = make_organization(name="United States", slug="united-states")
    russia = make_organization(name="Russia", slug="russia")
    white_house = make_organization(name="The White House", slug="the-white-house", kind="government_body")
    kremlin = make_organization(name="Kremlin", slug="kremlin", kind="government_body")
    readout = make_readout(
        title="Trump–Putin telephone call",
        slug="trump-putin-telephone-call",
        date=datetime.date(2025, 3, 18),
        time=datetime.time(10, 0),
        time_zone="ET",
        summary="The presidents discussed an energy ceasefire.",
        topics=[make_topic(name="Energy infrastructure"), make_topic(name="Black Sea", kind="place")],
    )
    make_participant(readout, make_person(name="Donald Trump"), title="President of the United States",
                     represented=united_states)
    make_participant(readout, make_person(name="Vladimir Putin"), title="President of Russia", represented=russia)
    make_participant(readout, make_person(name="Volodymyr Zelenskyy"), role="mentioned", title="President of Ukraine")
    make_statement(readout, issuer=white_house, issuer_name="The White House", text="One.\n\nTwo.",
                   official_url="https://www.whitehouse.gov/briefings/1")
    make_statement(readout, issuer=kremlin, issuer_name="Kremlin (Press Service)", language="ru",
                   summary="An editor's summary of the Kremlin's account.", date_issued=datetime.date(2025, 3, 19))
    readout.refresh_from_db()
    return readout


def test_highwire_tags_give_title_issuers_date_publisher_and_addresses(client, call):
    response = client.get(call.get_absolute_url())
    meta = MetaTags(response.content.decode())
    assert meta.one("citation_title") == "Trump–Putin telephone call"
    assert meta.all("citation_author") == ["The White House", "Kremlin"]
    assert meta.one("citation_publication_date") == "2025/03/18"
    assert meta.one("citation_date") == "2025/03/18"
    assert meta.one("citation_publisher") == "Readouts"
    assert meta.one("citation_public_url") == BASE + reverse("readouts:readout_short", args=[call.pk])
    assert meta.one("citation_abstract_html_url") == BASE + call.get_absolute_url()
    assert meta.one("citation_language") == "en"
    # Themes before places, as every list of a readout's topics.
    assert meta.all("citation_keywords") == ["Energy infrastructure", "Black Sea"]


def test_open_graph_and_twitter_tags_preview_the_link(client, call):
    response = client.get(call.get_absolute_url())
    (open_graph,) = extract(response)["opengraph"]
    properties = open_graph["properties"]
    og = dict(properties)
    assert og["og:type"] == "article"
    assert og["og:title"] == "Trump–Putin telephone call"
    assert og["og:description"] == "The presidents discussed an energy ceasefire."
    assert og["og:url"] == BASE + call.get_absolute_url()
    assert og["og:site_name"] == "Readouts"
    assert datetime.datetime.fromisoformat(og["article:published_time"]) == call.published_at
    assert [value for key, value in properties if key == "article:tag"] == ["Energy infrastructure", "Black Sea"]
    meta = MetaTags(response.content.decode())
    assert meta.one("twitter:card") == "summary"
    assert meta.one("twitter:title") == "Trump–Putin telephone call"
    assert meta.one("twitter:description") == "The presidents discussed an energy ceasefire."


def test_json_ld_describes_the_event_its_attendees_and_its_statements(client, call):
    response = client.get(call.get_absolute_url())
    (event,) = extract(response)["json-ld"]
    page = BASE + call.get_absolute_url()
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == "Trump–Putin telephone call"
    assert event["startDate"] == "2025-03-18T10:00"
    assert "endDate" not in event
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["url"] == page
    # Participants who took part, in a Role that names their part, with the title they held then
    # and whom they represented; the president only mentioned is not an attendee.
    assert [role["@type"] for role in event["attendee"]] == ["Role", "Role"]
    people = [(role["roleName"], role["attendee"]) for role in event["attendee"]]
    assert [(name, person["name"], person["jobTitle"], person["affiliation"]["name"]) for name, person in people] == [
        ("Principal", "Donald Trump", "President of the United States", "United States"),
        ("Principal", "Vladimir Putin", "President of Russia", "Russia"),
    ]
    assert all(person["@type"] == "Person" and person["url"].startswith(BASE + "/people/") for _, person in people)
    assert [(topic["@type"], topic["name"]) for topic in event["about"]] == [
        ("Thing", "Energy infrastructure"), ("Place", "Black Sea")
    ]
    white_house, kremlin = event["subjectOf"]
    statements = list(call.statements.all())
    assert white_house["@type"] == "Report"
    assert white_house["author"] == {
        "@type": "Organization", "name": "The White House", "url": BASE + "/organizations/the-white-house/"
    }
    assert white_house["datePublished"] == "2025-03-18"
    assert white_house["inLanguage"] == "en"
    assert white_house["url"] == f"{page}#s{statements[0].pk}"
    assert white_house["sameAs"] == "https://www.whitehouse.gov/briefings/1"
    assert white_house["description"] == "The archive holds this statement's verbatim text."
    assert "abstract" not in white_house
    assert kremlin["author"]["name"] == "Kremlin"
    assert kremlin["datePublished"] == "2025-03-19"
    assert kremlin["inLanguage"] == "ru"
    assert kremlin["url"] == f"{page}#s{statements[1].pk}"
    assert kremlin["description"] == "The archive holds an editor's summary of this statement, not its own words."
    assert kremlin["abstract"] == "An editor's summary of the Kremlin's account."


def test_the_statement_anchors_in_json_ld_exist_on_the_page(client, call):
    response = client.get(call.get_absolute_url())
    html = response.content.decode()
    for statement in extract(response)["json-ld"][0]["subjectOf"]:
        assert f'id="{statement["url"].rsplit("#", 1)[1]}"' in html


def test_a_meeting_over_several_days_with_a_place(client):
    readout = make_readout(
        format="talks", date=datetime.date(2025, 3, 23), end_date=datetime.date(2025, 3, 25), location="Riyadh"
    )
    (event,) = extract(client.get(readout.get_absolute_url()))["json-ld"]
    assert (event["startDate"], event["endDate"]) == ("2025-03-23", "2025-03-25")
    assert event["location"] == {"@type": "Place", "name": "Riyadh"}
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert "attendee" not in event and "subjectOf" not in event


def test_hostile_text_cannot_break_out_of_any_tag(client):
    hostile = '"Quoted" \'single\' </script><script>alert(1)</script><b>bold</b> & co'
    organization = make_organization(name=f"Org {hostile}")
    readout = make_readout(title=f"Title {hostile}", summary=f"Summary {hostile}",
                           topics=[make_topic(name=f"Topic {hostile}")])
    make_participant(readout, make_person(name=f"Person {hostile}"), title=f"Job {hostile}", represented=organization)
    make_statement(readout, issuer=organization, issuer_name=f"Issuer {hostile}", summary=f"Said {hostile}")
    response = client.get(readout.get_absolute_url())
    html = response.content.decode()
    assert "<b>bold</b>" not in html
    assert "<script>alert(1)" not in html
    assert html.count("<script") == 2  # the JSON-LD and cite.js, nothing injected
    # Each parser reads back exactly the text the editor entered.
    meta = MetaTags(html)
    assert meta.one("citation_title") == f"Title {hostile}"
    assert meta.one("citation_author") == f"Org {hostile}"
    assert meta.one("og:description") == f"Summary {hostile}"
    assert meta.one("twitter:title") == f"Title {hostile}"
    assert meta.one("article:tag") == f"Topic {hostile}"
    (event,) = extract(response)["json-ld"]
    assert event["name"] == f"Title {hostile}"
    assert event["description"] == f"Summary {hostile}"
    assert event["attendee"][0]["attendee"]["name"] == f"Person {hostile}"
    assert event["attendee"][0]["attendee"]["jobTitle"] == f"Job {hostile}"
    assert event["subjectOf"][0]["abstract"] == f"Said {hostile}"
    assert event["subjectOf"][0]["author"]["name"] == f"Org {hostile}"


def test_a_draft_has_no_page_and_its_preview_no_metadata(client):
    draft = make_readout(title="A call still being edited", status=Readout.Status.DRAFT)
    make_statement(draft, issuer_name="Kremlin")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("readouts:readout_short", args=[draft.pk])).status_code == 404
    client.force_login(make_editor())
    preview = client.get(reverse("readouts:readout_preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert MetaTags(preview.content.decode()).one("robots") == "noindex, nofollow"
    for absent in ("citation_title", 'property="og:', "twitter:card", "application/ld+json"):
        assertNotContains(preview, absent)
    assert extract(preview) == {"json-ld": [], "opengraph": []}


def test_metadata_costs_no_queries_per_issuer_participant_or_topic(client, call):
    """The page's count is pinned by tests/test_query_counts.py; here, a readout with twice as
    many issuers, participants and topics runs the same queries."""
    bigger = make_readout(date=datetime.date(2024, 1, 1), topics=[make_topic() for _ in range(4)])
    for _ in range(6):
        make_participant(bigger, make_person(), represented=make_organization())
        make_statement(bigger, issuer=make_organization(), speakers=[make_person()])
    counts = []
    for readout in (call, bigger):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(readout.get_absolute_url())
        counts.append(len(queries))
    assert len(MetaTags(response.content.decode()).all("citation_author")) == 6
    assert counts[0] == counts[1]


def test_every_sample_readout_page_tells_parsers_its_title_date_and_statements(client):
    """Over the sample archive (real readouts, real names): what each page's metadata says is
    what the archive holds."""
    call_command("loaddata", "fixtures/sample_archive.json", verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw
    readouts = Readout.objects.published().prefetch_related("participants__person", "statements__issuer")
    assert readouts.count() > 5
    for readout in readouts:
        response = client.get(readout.get_absolute_url())
        meta = MetaTags(response.content.decode())
        (event,) = extract(response)["json-ld"]
        statements = list(readout.statements.all())
        assert meta.one("citation_title") == event["name"] == readout.title
        assert meta.one("citation_date") == readout.date.strftime("%Y/%m/%d")
        assert event["startDate"][:10] == readout.date.isoformat()
        # Authors and attendees are compared with the page in test_renderings_agree.py.
        assert len(event.get("subjectOf", [])) == len(statements)

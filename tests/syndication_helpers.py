"""A small archive for the feeds', sitemap's and discovery tests: published readouts around one
person, country and topic, and a draft touching all of them whose title must never show."""

import datetime
from dataclasses import dataclass
from html.parser import HTMLParser

import feedparser
from django.urls import reverse

from readouts.models import Readout
from tests.factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
    make_update,
)

DRAFT_TITLE = "Unpublished call DRAFTMARKER"
ORIGIN = "http://testserver"
FORMATS = {"atom": ("atom10", "application/atom+xml"), "rss": ("rss20", "application/rss+xml")}


@dataclass
class Archive:
    person: object
    other_person: object
    country: object
    body: object
    topic: object
    subtopic: object
    older: object
    newer: object
    elsewhere: object
    draft: object
    commitment: object
    draft_commitment: object
    updates: dict


def build_archive():
    person = make_person(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy")
    other_person = make_person(name="Donald Trump", slug="donald-trump")
    country = make_organization(name="Ukraine", slug="ukraine")
    body = make_organization(name="Office of the President", slug="office", kind="government_body", parent=country)
    topic = make_topic(name="Energy infrastructure", slug="energy-infrastructure")
    subtopic = make_topic(name="Power plants", slug="power-plants", parent=topic)

    # In the country's readouts only because the country issued one of its statements.
    older = make_readout(title="Trump–Putin call", slug="trump-putin", date=datetime.date(2025, 3, 18), topics=[topic])
    make_statement(older, issuer=country, issuer_name="Office of the President of Ukraine")
    make_participant(older, other_person, title="President of the United States")
    # About the topic only through its subtopic; the country took part through its representative.
    newer = make_readout(
        title="Trump–Zelenskyy call: energy & <ceasefire>",
        slug="trump-zelenskyy",
        date=datetime.date(2025, 3, 19),
        summary="The presidents agreed to stop strikes on energy infrastructure.",
        topics=[subtopic],
    )
    make_participant(newer, person, title="President of Ukraine", represented=country)
    make_participant(newer, other_person, title="President of the United States", position=1)
    # Another year, nobody's: only the site-wide feed has it.
    elsewhere = make_readout(title="Summit in Riyadh", slug="riyadh", date=datetime.date(2024, 2, 11))

    draft = make_readout(
        title=DRAFT_TITLE,
        slug="draftmarker",
        date=datetime.date(2019, 5, 1),
        summary="DRAFTMARKER summary",
        status=Readout.Status.DRAFT,
        topics=[topic, subtopic],
        organizations=[country],
    )
    make_participant(draft, person, title="DRAFTMARKER title")
    make_statement(draft, issuer=country)
    draft_commitment = make_commitment(draft, actor_label="DRAFTMARKER actor", actor_people=[person])

    commitment = make_commitment(newer, actor_label="Russia and Ukraine", description="Stop strikes on energy.")
    updates = {
        "undated": make_update(commitment, date=None, status="unknown", note="Reports differ."),
        "draft_evidence": make_update(
            commitment, date=datetime.date(2025, 3, 20), status="in_progress", note="Talks began.", evidence=draft
        ),
        "newest": make_update(
            commitment, date=datetime.date(2025, 3, 28), status="stalled", note="Strikes resumed.", evidence=older
        ),
    }
    return Archive(
        person, other_person, country, body, topic, subtopic, older, newer, elsewhere, draft, commitment,
        draft_commitment, updates,
    )


class Links(HTMLParser):
    """A page's <link> elements and its links (<a>), as attribute dicts."""

    def __init__(self, html):
        super().__init__()
        self.head_links, self.anchors = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.head_links.append(dict(attrs))
        elif tag == "a":
            self.anchors.append(dict(attrs))

    def rel(self, rel, type_=None):
        return [
            link["href"] for link in self.head_links
            if link.get("rel") == rel and (type_ is None or link.get("type") == type_)
        ]


# ---- Reading a feed as a feed reader does ------------------------------------------------------


def fetch(client, subject, fmt, args=()):
    response = client.get(reverse(f"syndication:{subject}_{fmt}", args=args))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(FORMATS[fmt][1])
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == FORMATS[fmt][0]
    return parsed


MARKUP = '<b>x</b> & "q"'


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def as_shown(value, kind="text/html"):
    """What a reader shows for a feed's field: HTML's text, or plain text as it is."""
    if kind != "text/html":
        return value
    text = _Text()
    text.feed(value)
    text.close()
    return "".join(text.parts)


def shown_title(entry_or_feed):
    return as_shown(entry_or_feed.title, entry_or_feed.title_detail.type)

"""Atom and RSS feeds: valid for a standard parser, the same readouts as their pages, entries with
summaries, participants and topics, and never a draft."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from readouts.syndication import feeds
from tests.factories import (
    build_sized_archive,
    make_commitment,
    make_participant,
    make_person,
    make_readout,
    make_topic,
    make_update,
)
from tests.syndication_helpers import (
    DRAFT_TITLE,
    FORMATS,
    MARKUP,
    ORIGIN,
    as_shown,
    build_archive,
    fetch,
    shown_title,
)

pytestmark = pytest.mark.django_db

ATOM_NS = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def archive():
    return build_archive()


def subjects(archive):
    """Each feed's subject: its URL arguments and the page it belongs to."""
    return {
        "readouts": ([], reverse("readouts:readout_list")),
        "person": ([archive.person.slug], archive.person.get_absolute_url()),
        "organization": ([archive.country.slug], archive.country.get_absolute_url()),
        "topic": ([archive.topic.slug], archive.topic.get_absolute_url()),
        "commitment": ([archive.commitment.pk], archive.commitment.get_absolute_url()),
    }


def entry_links(parsed):
    return [entry.link for entry in parsed.entries]


def listed_on_page(client, url):
    """The readouts a page lists, as absolute addresses, in its order."""
    html = client.get(url).content.decode()
    return [ORIGIN + href for href in re.findall(r'class="readout-item__title"><a href="([^"]+)"', html)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("subject", ["readouts", "person", "organization", "topic", "commitment"])
def test_feed_parses_and_points_back_at_its_page(client, archive, subject, fmt):
    args, page = subjects(archive)[subject]
    parsed = fetch(client, subject, fmt, args)
    assert parsed.feed.link == ORIGIN + page
    assert parsed.feed.title
    assert parsed.feed.language == "en"
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [ORIGIN + reverse(f"syndication:{subject}_{fmt}", args=args)]
    assert parsed.entries


def test_feed_titles_name_their_subject(client, archive):
    titles = {subject: fetch(client, subject, "atom", args).feed.title for subject, (args, _) in subjects(archive).items()}
    assert titles == {
        "readouts": "Readouts: the newest",
        "person": "Readouts with Volodymyr Zelenskyy",
        "organization": "Readouts involving Ukraine",
        "topic": "Readouts about Energy infrastructure",
        "commitment": "Commitment: Russia and Ukraine, 19 March 2025",
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_newest_readouts_come_newest_first_with_their_permanent_address_as_id(client, archive, fmt):
    parsed = fetch(client, "readouts", fmt)
    readouts = [archive.newer, archive.older, archive.elsewhere]
    assert [shown_title(entry) for entry in parsed.entries] == [readout.title for readout in readouts]
    assert entry_links(parsed) == [ORIGIN + readout.get_absolute_url() for readout in readouts]
    assert [entry.id for entry in parsed.entries] == [f"{ORIGIN}/r/{readout.pk}/" for readout in readouts]
    assert parsed.entries[0].published_parsed[:3] == (2025, 3, 19)


def test_atom_entries_carry_the_update_time_and_the_feed_its_latest(client, archive):
    parsed = fetch(client, "readouts", "atom")
    newer = parsed.entries[0]
    assert newer.updated_parsed[:6] == archive.newer.updated_at.utctimetuple()[:6]
    latest = max(readout.updated_at for readout in (archive.newer, archive.older, archive.elsewhere))
    assert parsed.feed.updated_parsed[:6] == latest.utctimetuple()[:6]


def test_the_permanent_id_leads_to_the_readout(client, archive):
    entry = fetch(client, "readouts", "atom").entries[0]
    response = client.get(entry.id.removeprefix(ORIGIN))
    assert response.status_code == 301
    assert response["Location"] == archive.newer.get_absolute_url()


def test_atom_entry_has_summary_participants_with_their_titles_and_topics(client, archive):
    entry = fetch(client, "readouts", "atom").entries[0]
    assert entry.summary == "The presidents agreed to stop strikes on energy infrastructure."
    content = entry.content[0]
    assert content.type == "text/html"
    assert "The presidents agreed to stop strikes on energy infrastructure." in content.value
    assert "Volodymyr Zelenskyy</a>, President of Ukraine · Principal · for" in content.value
    assert "Donald Trump</a>, President of the United States" in content.value
    assert f'href="{ORIGIN}{archive.person.get_absolute_url()}"' in content.value
    assert f'href="{ORIGIN}{archive.subtopic.get_absolute_url()}"' in content.value
    tags = [(tag.term, tag.scheme, tag.label) for tag in entry.tags]
    assert tags == [
        ("Volodymyr Zelenskyy", f"{ORIGIN}/people/", "Volodymyr Zelenskyy, President of Ukraine"),
        ("Donald Trump", f"{ORIGIN}/people/", "Donald Trump, President of the United States"),
        ("Power plants", f"{ORIGIN}/topics/", "Power plants"),
    ]


def test_rss_item_carries_participants_in_its_description_and_as_categories(client, archive):
    entry = fetch(client, "readouts", "rss").entries[0]
    assert "The presidents agreed to stop strikes on energy infrastructure." in entry.description
    assert "Volodymyr Zelenskyy</a>, President of Ukraine" in entry.description
    assert [(tag.term, tag.scheme) for tag in entry.tags] == [
        ("Volodymyr Zelenskyy", f"{ORIGIN}/people/"),
        ("Donald Trump", f"{ORIGIN}/people/"),
        ("Power plants", f"{ORIGIN}/topics/"),
    ]


def test_a_talks_of_several_days_is_dated_as_its_page_dates_it(client):
    talks = make_readout(title="Riyadh talks", date=datetime.date(2025, 3, 23), end_date=datetime.date(2025, 3, 25))
    commitment = make_commitment(talks, actor_label="Russia")
    make_update(commitment, evidence=talks)

    entry = fetch(client, "readouts", "atom").entries[0]
    update = fetch(client, "commitment", "atom", [commitment.pk])

    assert "<p>23–25 March 2025 · " in entry.content[0].value
    assert "23–25 March 2025" in client.get(talks.get_absolute_url()).content.decode()
    assert update.feed.title == "Commitment: Russia, 23–25 March 2025"
    assert "Riyadh talks</a>, 23–25 March 2025" in update.entries[0].content[0].value


@pytest.mark.parametrize("fmt", FORMATS)
def test_titles_with_markup_characters_arrive_as_written(client, archive, fmt):
    assert shown_title(fetch(client, "readouts", fmt).entries[0]) == "Trump–Zelenskyy call: energy & <ceasefire>"


@pytest.mark.parametrize("subject", ["person", "organization", "topic"])
def test_feed_lists_the_readouts_its_page_lists(client, archive, subject):
    args, page = subjects(archive)[subject]
    assert entry_links(fetch(client, subject, "atom", args)) == listed_on_page(client, page)


def test_which_readouts_each_feed_has(client, archive):
    def titles(subject, args):
        return [entry.title for entry in fetch(client, subject, "atom", args).entries]

    assert titles("person", [archive.person.slug]) == [archive.newer.title]
    # Through its representative in one, its statement in the other.
    assert titles("organization", [archive.country.slug]) == [archive.newer.title, archive.older.title]
    # Tagged with a subtopic counts for the topic.
    assert titles("topic", [archive.topic.slug]) == [archive.newer.title, archive.older.title]
    assert titles("topic", [archive.subtopic.slug]) == [archive.newer.title]


def test_an_organization_in_no_published_readout_has_no_feed(client, archive):
    for fmt in FORMATS:
        response = client.get(reverse(f"syndication:organization_{fmt}", args=[archive.body.slug]))
        assert response.status_code == 404


def test_feed_holds_only_the_newest_entries(client, archive, monkeypatch):
    monkeypatch.setattr(feeds, "ENTRIES", 2)
    parsed = fetch(client, "readouts", "atom")
    assert [entry.title for entry in parsed.entries] == [archive.newer.title, archive.older.title]
    assert len(fetch(client, "commitment", "atom", [archive.commitment.pk]).entries) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_commitment_feed_has_its_updates_newest_first_undated_last(client, archive, fmt):
    parsed = fetch(client, "commitment", fmt, [archive.commitment.pk])
    assert [entry.title for entry in parsed.entries] == [
        "Stalled (28 March 2025)",
        "In progress (20 March 2025)",
        "Unknown (undated)",
    ]
    page = ORIGIN + archive.commitment.get_absolute_url()
    updates = archive.updates
    assert [entry.id for entry in parsed.entries] == [
        f"{page}#update-{updates[name].pk}" for name in ("newest", "draft_evidence", "undated")
    ]
    # The evidence, where it is published; otherwise the update on the commitment's page.
    assert entry_links(parsed) == [
        ORIGIN + archive.older.get_absolute_url(),
        f"{page}#update-{updates['draft_evidence'].pk}",
        f"{page}#update-{updates['undated'].pk}",
    ]


def test_commitment_update_entry_says_status_date_note_and_evidence(client, archive):
    entry = fetch(client, "commitment", "atom", [archive.commitment.pk]).entries[0]
    assert entry.summary == "Strikes resumed."
    assert entry.published_parsed[:3] == (2025, 3, 28)
    assert [tag.term for tag in entry.tags] == ["Stalled"]
    html = entry.content[0].value
    assert "Stalled, 28 March 2025" in html
    assert f'Evidence: <a href="{ORIGIN}{archive.older.get_absolute_url()}">Trump–Putin call</a>' in html


def test_an_undated_update_is_still_dated_for_atom(client, archive):
    entry = fetch(client, "commitment", "atom", [archive.commitment.pk]).entries[-1]
    assert "published_parsed" not in entry
    assert entry.updated_parsed[:3] == (2025, 3, 19)


def test_update_anchors_in_the_feed_exist_on_the_commitment_page(client, archive):
    html = client.get(archive.commitment.get_absolute_url()).content.decode()
    for update in archive.updates.values():
        assert f'id="update-{update.pk}"' in html


def all_feeds(archive):
    yield from (("readouts", []), ("person", [archive.person.slug]), ("organization", [archive.country.slug]))
    yield from (("organization", [archive.body.slug]), ("topic", [archive.topic.slug]))
    yield from (("topic", [archive.subtopic.slug]), ("commitment", [archive.commitment.pk]))


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_draft_appears_in_any_feed(client, archive, fmt):
    for subject, args in all_feeds(archive):
        body = client.get(reverse(f"syndication:{subject}_{fmt}", args=args)).content.decode()
        assert "DRAFTMARKER" not in body, subject
        assert archive.draft.get_absolute_url() not in body, subject
        assert f"/r/{archive.draft.pk}/" not in body, subject
        assert DRAFT_TITLE not in body, subject


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_commitment_of_a_draft_has_no_feed(client, archive, fmt):
    response = client.get(reverse(f"syndication:commitment_{fmt}", args=[archive.draft_commitment.pk]))
    assert response.status_code == 404
    assert b"DRAFTMARKER" not in response.content


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("subject", ["person", "organization", "topic"])
def test_unknown_slug_is_404(client, archive, subject, fmt):
    assert client.get(reverse(f"syndication:{subject}_{fmt}", args=["no-such-slug"])).status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("subject", ["person", "organization", "topic"])
def test_a_feed_under_a_former_slug_moves_to_todays_feed(client, archive, subject, fmt):
    entity = {"person": archive.person, "organization": archive.country, "topic": archive.topic}[subject]
    old_slug = entity.slug
    entity.slug = f"{old_slug}-renamed"
    entity.save()
    response = client.get(reverse(f"syndication:{subject}_{fmt}", args=[old_slug]))
    assert response.status_code == 301
    assert response["Location"] == reverse(f"syndication:{subject}_{fmt}", args=[entity.slug])
    fetch(client, subject, fmt, [entity.slug])


@pytest.mark.parametrize("address", ["/feeds/commitments/999999.atom", "/feeds/commitments/x.rss", "/feeds/people/.atom",
                                     "/feeds/readouts.json", "/feeds/people/a%20b.atom"])
def test_malformed_feed_addresses_are_404(client, archive, address):
    assert client.get(address).status_code == 404


# Fixed number of queries, whatever the archive's size.

FEED_QUERIES = {
    # readouts; their participants (with person and whom they represented); their topics
    "readouts": 3,
    # ... and the subject first
    "person": 4,
    "organization": 4,
    "topic": 4,
    # commitment with its readout; updates with their evidence
    "commitment": 2,
    # ... and the pair's slugs as organizations, then as people
    "relation": 5,
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize("subject", FEED_QUERIES)
def test_feed_runs_a_fixed_number_of_queries(client, django_assert_num_queries, subject, size, fmt):
    readouts = build_sized_archive(size)
    args = {
        "readouts": [],
        "person": ["the-person"],
        "organization": ["the-country"],
        "topic": ["the-topic"],
        "commitment": [readouts[0].commitments.first().pk],
        "relation": ["the-country", "the-person"],
    }[subject]
    with django_assert_num_queries(FEED_QUERIES[subject]):
        response = client.get(reverse(f"syndication:{subject}_{fmt}", args=args))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0
    assert len(parsed.entries) == (1 if subject == "commitment" else size)


def test_entry_html_escapes_the_archives_text(client, archive):
    archive.newer.summary = '<script>alert("x")</script> & "quoted" href="/evil"'
    archive.newer.save()
    parsed = fetch(client, "readouts", "atom")
    assert parsed.entries[0].summary == archive.newer.summary  # plain text, as written
    root = ET.fromstring(client.get(reverse("syndication:readouts_atom")).content)
    html = root.find(f"{ATOM_NS}entry/{ATOM_NS}content").text
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;" in html
    # Only the archive's own links are made absolute, never text that looks like one.
    assert "testserver/evil" not in html


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_pasted_into_the_text_do_not_break_a_feed(client, archive, fmt):
    archive.newer.title = "Call\x0bwith a vertical tab"
    archive.newer.summary = "Page one.\x0cPage two.\x01"
    archive.newer.save()
    archive.person.name = "Volodymyr\x08 Zelenskyy"
    archive.person.save()
    for subject, args in (("readouts", []), ("person", [archive.person.slug])):
        parsed = fetch(client, subject, fmt, args)
        assert parsed.entries[0].title == "Callwith a vertical tab"
        assert "Page one.Page two." in parsed.entries[0].description
    assert parsed.feed.title == "Readouts with Volodymyr Zelenskyy"



@pytest.mark.parametrize("fmt", FORMATS)
def test_titles_descriptions_and_categories_show_their_markup_as_text(client, fmt):
    person = make_person(name=MARKUP, slug="markup")
    topic = make_topic(name=MARKUP, slug="markup-topic")
    readout = make_readout(title=MARKUP, topics=[topic])
    make_participant(readout, person, title="")

    parsed = fetch(client, "person", fmt, [person.slug])
    feed, entry = parsed.feed, parsed.entries[0]
    assert shown_title(feed) == f"Readouts with {MARKUP}"
    assert as_shown(feed.subtitle, feed.subtitle_detail.type) == (
        f"The newest published readouts in which {MARKUP} took part, spoke or was quoted in a statement, "
        "or is among a commitment's actors."
    )
    assert shown_title(entry) == MARKUP
    # Readers show a category as it is given in Atom (a term attribute), as HTML in RSS.
    category_kind = "text/html" if fmt == "rss" else "text/plain"
    assert sorted(as_shown(tag.term, category_kind) for tag in entry.tags) == [MARKUP, MARKUP]
    # The entry's HTML shows the person's name as text, never as markup.
    html = entry.content[0].value if fmt == "atom" else entry.description
    assert f">{MARKUP}</a>" not in html
    assert MARKUP in as_shown(html)

"""The feed of publishers' changes (/feeds/changes.atom, .rss): one entry per earlier text
replaced by the next, newest change first, with what changed; published readouts only."""

import datetime

import pytest
from django.urls import reverse

from readouts.comparison import compare_url
from readouts.models import Readout, Statement
from readouts.statement_texts import changes
from tests.factories import (
    build_sized_archive,
    make_readout,
    make_source,
    make_statement,
    make_version,
)
from tests.syndication_helpers import (
    FORMATS,
    MARKUP,
    ORIGIN,
    as_shown,
    fetch,
    shown_title,
)

pytestmark = pytest.mark.django_db

MARCH = [datetime.date(2025, 3, max(day, 1)) for day in range(32)]  # MARCH[20]: 20 March


def changed(readout, texts, current, current_seen, **kwargs):
    """A statement whose publisher replaced each of `texts` (text, seen on) and now says `current`."""
    statement = make_statement(readout, text=current, text_seen_on=current_seen, **kwargs)
    for text, seen_on in texts:
        make_version(statement, text=text, seen_on=seen_on)
    return statement


@pytest.fixture
def archive():
    call = make_readout(title="Trump–Zelenskyy call", slug="call", date=MARCH[19])
    talks = make_readout(title="Jeddah talks", slug="talks", date=MARCH[11])
    draft = make_readout(title="Secret DRAFTMARKER call", status=Readout.Status.DRAFT, date=MARCH[25])
    white_house = changed(
        call,
        [("One. Two. Three.", MARCH[19]), ("One. Two.", MARCH[20])],
        "One. Two, changed.",
        MARCH[22],
        issuer_name="The White House",
    )
    kremlin = changed(talks, [("A. B.", MARCH[11])], "A.", MARCH[21], issuer_name="Kremlin", kind="statement")
    changed(draft, [("DRAFTMARKER first.", MARCH[25])], "DRAFTMARKER now.", MARCH[26])
    return white_house, kremlin


@pytest.mark.parametrize("fmt", FORMATS)
def test_changes_come_newest_first_one_entry_per_change(client, archive, fmt):
    white_house, kremlin = archive
    parsed = fetch(client, "changes", fmt)

    assert [shown_title(entry) for entry in parsed.entries] == [
        "The White House changed its readout of Trump–Zelenskyy call",
        "Kremlin changed its statement on Jeddah talks",
        "The White House changed its readout of Trump–Zelenskyy call",
    ]
    # Each entry opens the two texts compared word by word.
    w, k = white_house.pk, kremlin.pk
    assert [entry.link for entry in parsed.entries] == [
        ORIGIN + compare_url(white_house.readout, f"{w}v2", f"{w}"),
        ORIGIN + compare_url(kremlin.readout, f"{k}v1", f"{k}"),
        ORIGIN + compare_url(white_house.readout, f"{w}v1", f"{w}v2"),
    ]
    assert len({entry.id for entry in parsed.entries}) == 3
    assert "DRAFTMARKER" not in client.get(reverse(f"syndication:changes_{fmt}")).content.decode()


def test_an_entry_says_when_and_what_changed(client, archive):
    newest, _, oldest = fetch(client, "changes", "atom").entries
    assert newest.summary == "Changed by The White House on 22 March 2025: 1 sentence changed"
    assert oldest.summary == "Changed by The White House on 20 March 2025: 1 sentence removed"
    assert newest.updated.startswith("2025-03-22")
    assert "Earlier text (version 2) seen on 20 March 2025" in as_shown(newest.content[0].value)


def test_the_home_page_links_the_feed_in_its_head_and_visibly(client, archive):
    html = client.get(reverse("readouts:home")).content.decode()
    head, body = html.split("</head>")
    atom = reverse("syndication:changes_atom")
    assert f'title="Readouts: statements changed by their publishers (Atom)" href="{atom}"' in head
    assert f'href="{atom}" type="application/atom+xml">a feed of the changes</a>' in body


@pytest.mark.parametrize("fmt", FORMATS)
def test_titles_and_summaries_show_their_markup_as_text(client, fmt):
    readout = make_readout(title=MARKUP)
    changed(readout, [("Old.", MARCH[1])], "New.", MARCH[2], issuer_name=MARKUP)
    entry = fetch(client, "changes", fmt).entries[0]
    assert shown_title(entry) == f"{MARKUP} changed its readout of {MARKUP}"
    html = entry.content[0].value if fmt == "atom" else entry.description
    assert MARKUP in as_shown(html)
    assert "<b>" not in html


@pytest.mark.parametrize("size", [3, 12])
def test_the_feed_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    build_sized_archive(size)
    # the changes; their statements with readouts; the current texts' sources; versions; translations
    with django_assert_num_queries(5):
        response = client.get(reverse("syndication:changes_atom"))
    assert response.status_code == 200
    assert response.content.count(b"<entry>") == size


@pytest.mark.parametrize(
    "before, after, summary",
    [
        ("One. Two. Three.", "One. Three.", "1 sentence removed"),
        ("One. Two.", "One. Two. Three? Four!", "2 sentences added"),
        ("One. Two. Three.", "One. Deux. Three.", "1 sentence changed"),
        ("One. Two. Three. Four.", "One. Deux.", "2 sentences removed, 1 changed"),
        ("One.\n\nTwo.", "One. Two.", "only the layout changed"),
    ],
)
def test_change_summary_counts_sentences(before, after, summary):
    statement = make_statement(make_readout(), text=after)
    make_version(statement, text=before)
    [change] = changes(Statement.objects.get(pk=statement.pk))
    assert change.summary == summary


def test_a_statement_without_earlier_texts_is_not_in_the_feed(client):
    make_statement(make_readout(), text="Only text.")
    assert fetch(client, "changes", "atom").entries == []
    assert not Statement.objects.filter(versions__isnull=False).exists()


def test_a_source_of_the_earlier_text_is_named(client, archive):
    white_house, _ = archive
    first = white_house.versions.first()
    first.source = make_source(name="whitehouse.gov", url="https://www.whitehouse.gov/readout")
    first.save()
    oldest = fetch(client, "changes", "atom").entries[-1]
    assert 'href="https://www.whitehouse.gov/readout"' in oldest.content[0].value

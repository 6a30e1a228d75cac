import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from readouts.search import facets
from readouts.search.index import rebuild
from tests.archive_helpers import SAMPLE
from tests.factories import (
    build_sized_archive,
    make_organization,
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("readouts:search")


def get(client, q, **params):
    return client.get(SEARCH, {"q": q, **params})


def titles(response):
    return [readout.title for readout in response.context["page"]]


def found(client, q, **params):
    response = get(client, q, **params)
    assert response.status_code == 200
    return set(titles(response))


def test_search_box_in_the_header_is_a_labelled_get_form(client):
    response = client.get(reverse("readouts:home"))
    assertContains(response, f'<form class="site-search" method="get" action="{SEARCH}" role="search" aria-label="Archive">')
    assertContains(response, '<label for="site-search-q">Search the archive</label>')
    assertContains(response, '<input id="site-search-q" type="search" name="q"')


def test_the_search_page_has_one_search_box_and_it_holds_the_query(client):
    make_readout(title="Talks in Riyadh")
    html = client.get(SEARCH, {"q": "Riyadh"}).text
    assert html.count('role="search"') == html.count('type="search"') == 1
    assert 'id="site-search-q"' not in html
    assert re.search(r'<input id="search-q" type="search" name="q" value="Riyadh"', html)


def test_an_empty_search_shows_the_form_and_no_results(client):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert response.context["page"] is None
    assertContains(response, 'id="search-q"')


def test_finds_titles_summaries_statements_quotes_names_and_topics(client):
    make_readout(title="Talks in Riyadh")
    make_readout(summary="The presidents spoke about Jeddah.")
    make_statement(make_readout(title="Statement text"), text="Both sides discussed Diriyah.")
    make_statement(make_readout(title="Statement summary"), summary="An account mentioning Istanbul.")
    make_quote(make_statement(make_readout(title="Quoted")), text="We are in Geneva.")
    make_participant(make_readout(title="With a person"), make_person(name="Keith Kellogg"))
    make_readout(title="With an organization", organizations=[make_organization(name="Kremlin")])
    make_readout(title="With a topic", topics=[make_topic(name="Prisoner exchange")])
    rebuild()
    assert found(client, "Riyadh") == {"Talks in Riyadh"}
    assert len(found(client, "Jeddah")) == 1
    assert found(client, "Diriyah") == {"Statement text"}
    assert found(client, "Istanbul") == {"Statement summary"}
    assert found(client, "Geneva") == {"Quoted"}
    assert found(client, "Kellogg") == {"With a person"}
    assert found(client, "Kremlin") == {"With an organization"}
    assert found(client, "prisoner") == {"With a topic"}


def test_every_word_must_match_in_any_form(client):
    make_statement(make_readout(title="Both"), text="The negotiations on a ceasefire went on.")
    make_statement(make_readout(title="One"), text="The negotiations went on.")
    rebuild()
    assert found(client, "negotiate") == {"Both", "One"}
    assert found(client, "negotiating ceasefires") == {"Both"}


def test_a_quoted_phrase_matches_the_words_together(client):
    make_statement(make_readout(title="Phrase"), text="Strikes on energy infrastructure stopped.")
    make_statement(make_readout(title="Apart"), text="Infrastructure for energy was discussed.")
    rebuild()
    assert found(client, '"energy infrastructure"') == {"Phrase"}
    assert found(client, "energy infrastructure") == {"Phrase", "Apart"}


def test_or_joins_the_terms_either_side(client):
    make_statement(make_readout(title="Truce at sea"), text="A truce at sea was agreed.")
    make_statement(make_readout(title="Pause at sea"), text="A pause at sea was agreed.")
    make_statement(make_readout(title="Truce on land"), text="A truce on land was agreed.")
    rebuild()
    assert found(client, "truce OR pause") == {"Truce at sea", "Pause at sea", "Truce on land"}
    assert found(client, "sea truce OR pause") == {"Truce at sea", "Pause at sea"}


def test_minus_excludes_a_word_or_a_phrase(client):
    make_statement(make_readout(title="Kursk"), text="The ceasefire and the Kursk region.")
    make_statement(make_readout(title="Black Sea"), text="The ceasefire and the Black Sea.")
    make_statement(make_readout(title="Neither"), text="The ceasefire alone.")
    rebuild()
    assert found(client, "ceasefire -Kursk") == {"Black Sea", "Neither"}
    assert found(client, 'ceasefire -"Black Sea"') == {"Kursk", "Neither"}


def test_a_search_of_exclusions_only_asks_for_a_word(client):
    make_readout(title="Kursk")
    rebuild()
    response = get(client, "-Kursk")
    assert response.status_code == 200
    assert response.context["page"] is None
    assertContains(response, "Add a word to search for")


@pytest.mark.parametrize("text", ["OR", "-", "OR OR", "!!! ***", '""', "the of and"])
def test_nothing_to_search_for_says_so(client, text):
    response = get(client, text)
    assert response.status_code == 200
    assert response.context["page"] is None
    assertContains(response, "role=\"alert\"")


def test_long_input_is_cut_and_the_page_says_so(client):
    make_readout(title="Ceasefire")
    rebuild()
    response = get(client, "ceasefire " * 40)
    assert response.status_code == 200
    assertContains(response, "cut to the first 200")
    response = get(client, " ".join(["ceasefire"] * 20))
    assertContains(response, "words after the 16th were left out")


@pytest.mark.parametrize(
    "text",
    [
        "NEAR(a b)", "ceasefire*", "^x", "title:ceasefire", "(a) & | ! <-> b", "it's", "back\\slash", "nul\x00byte",
        '"open',
    ],
)
def test_engine_syntax_in_the_query_is_never_an_error(client, text):
    make_readout(title="Ceasefire")
    rebuild()
    assert get(client, text).status_code == 200


# Ranking and order


def test_a_title_match_ranks_before_a_statement_match(client):
    body = make_readout(title="Telephone call", date=datetime.date(2025, 3, 20))
    make_statement(body, text="They spoke about Kursk at length.")
    make_readout(title="Talks on Kursk", date=datetime.date(2025, 3, 1))
    rebuild()
    assert titles(get(client, "Kursk")) == ["Talks on Kursk", "Telephone call"]
    assert titles(get(client, "Kursk", order="date")) == ["Telephone call", "Talks on Kursk"]


def test_a_summary_match_ranks_before_a_statement_match(client):
    body = make_readout(title="First call", date=datetime.date(2025, 3, 20))
    make_statement(body, text="They spoke about Kursk at length.")
    make_readout(title="Second call", summary="The leaders spoke about Kursk.", date=datetime.date(2025, 3, 1))
    rebuild()
    assert titles(get(client, "Kursk")) == ["Second call", "First call"]


def test_results_are_paginated_and_page_links_keep_the_search(client, settings):
    settings.READOUTS_PER_PAGE = 2
    for day in range(1, 6):
        make_readout(title=f"Ceasefire talks {day}", date=datetime.date(2025, 3, day), format="talks")
    rebuild()
    response = get(client, "ceasefire", order="date", format="talks", page=2)
    assert titles(response) == ["Ceasefire talks 3", "Ceasefire talks 2"]
    assertContains(response, 'href="?q=ceasefire&amp;order=date&amp;format=talks&amp;page=3"')
    assert get(client, "ceasefire", page=9).status_code == 404


def test_pages_of_the_best_matches_follow_one_another_without_gaps(client, settings):
    settings.READOUTS_PER_PAGE = 2
    make_readout(title="Ceasefire", summary="A ceasefire.", date=datetime.date(2025, 1, 1))
    for day in range(1, 5):
        make_readout(title=f"Call {day}", summary="A ceasefire.", date=datetime.date(2025, 3, day))
    rebuild()
    pages = [titles(get(client, "ceasefire", page=number)) for number in (1, 2, 3)]
    assert pages == [["Ceasefire", "Call 4"], ["Call 3", "Call 2"], ["Call 1"]]


@pytest.mark.parametrize("few", [0, 1000])  # newest first down the date index (PostgreSQL), or sorted
def test_pages_of_the_newest_follow_one_another_however_many_were_found(client, settings, monkeypatch, few):
    monkeypatch.setattr(facets, "FEW", few)
    settings.READOUTS_PER_PAGE = 2
    for day in (3, 1, 5, 2):
        make_readout(title=f"Ceasefire {day}", date=datetime.date(2025, 3, day))
    make_readout(title="Truce", date=datetime.date(2025, 3, 4))
    rebuild()
    pages = [titles(get(client, "ceasefire", order="date", page=number)) for number in (1, 2)]
    assert pages == [["Ceasefire 5", "Ceasefire 3"], ["Ceasefire 2", "Ceasefire 1"]]


@pytest.mark.parametrize("number", ["0", "-1", "two", "1.5", "99999999999999999999"])
def test_a_page_number_that_is_not_one_is_not_found(client, number):
    make_readout(title="Ceasefire")
    rebuild()
    assert get(client, "ceasefire", page=number).status_code == 404


# Other spellings of names


def test_every_spelling_of_a_name_finds_the_same_readouts(client):
    zelenskyy = make_person(name="Volodymyr Zelenskyy", alternate_names="Zelensky\nZelenskiy")
    make_participant(make_readout(title="Participant"), zelenskyy)
    make_statement(make_readout(title="Mentioned"), text="Trump said Zelenskyy would visit.")
    make_statement(make_readout(title="Spelled otherwise"), text="Zelensky's office confirmed it.")
    make_readout(title="Unrelated")
    rebuild()
    expected = {"Participant", "Mentioned", "Spelled otherwise"}
    for spelling in ["Zelensky", "Zelenskiy", "Zelenskyy", "zelenskyy"]:
        assert found(client, spelling) == expected, spelling
    assertContains(get(client, "Zelensky"), "Also searched for other spellings")
    assert found(client, "Zelensky -Zelenskiy") == set()


# Snippets


def test_a_snippet_marks_the_match_and_links_to_its_paragraph(client):
    readout = make_readout(title="Telephone call")
    make_statement(readout, text="First paragraph.")
    statement = make_statement(readout, issuer_name="Kremlin", text="Opening words.\n\nThe negotiations on Kursk.")
    rebuild()
    response = get(client, "negotiate")
    assertContains(response, "<mark>negotiations</mark>")
    assertContains(response, f'href="{readout.get_absolute_url()}#s{statement.pk}-p2"')
    assertContains(response, "Paragraph 2 of the readout by Kremlin")
    # The anchor is the one the readout's page gives that paragraph.
    assertContains(client.get(readout.get_absolute_url()), f'id="s{statement.pk}-p2"')


@pytest.mark.parametrize(
    "q, text, marked",
    [
        # Words whose stem is not how they start (PostgreSQL tests each statement for the start
        # of a stem before marking its matches).
        ("ability", "Their abilities grew.", "abilities"),
        ("responsible", "Both stressed their responsibility.", "responsibility"),
        ("visible", "For greater visibility.", "visibility"),
        ("policy", "New policies were agreed.", "policies"),
        ("studies", "They are studying it.", "studying"),
    ],
)
def test_a_snippet_marks_every_form_of_a_word(client, q, text, marked):
    make_statement(make_readout(title="Call"), text=f"Opening words.\n\n{text}")
    rebuild()
    snippet = get(client, q).context["page"][0].snippet
    assert snippet.paragraph == 2
    assert f"<mark>{marked}</mark>" in snippet.html


def test_the_best_matching_paragraph_is_chosen(client):
    readout = make_readout()
    make_statement(readout, text="Energy first.\n\nEnergy and infrastructure together.")
    rebuild()
    snippet = get(client, "energy OR infrastructure").context["page"][0].snippet
    assert snippet.paragraph == 2


def test_without_a_matching_paragraph_the_summary_is_shown(client):
    readout = make_readout(title="Kursk call", summary="The leaders spoke by telephone.")
    make_statement(readout, text="Nothing of note.")
    rebuild()
    response = get(client, "Kursk")
    assert response.context["page"][0].snippet is None
    assertContains(response, "The leaders spoke by telephone.")
    assertContains(response, f'href="{readout.get_absolute_url()}"')


def test_snippets_escape_hostile_statement_text(client):
    readout = make_readout(title="Call")
    make_statement(
        readout,
        text='<script>alert("x")</script> <mark>fake</mark> ceasefire & <b>bold</b> \ue000raw\ue001 </blockquote>',
    )
    rebuild()
    response = get(client, "ceasefire")
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;mark&gt;fake&lt;/mark&gt;" in html
    assert "<mark>ceasefire</mark> &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert html.count("<mark>") == 1


def test_the_query_is_escaped_where_the_page_shows_it(client):
    response = get(client, '<script>alert(1)</script> -"<b>"')
    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, 'value="&lt;script&gt;alert(1)&lt;/script&gt; -&quot;&lt;b&gt;&quot;"')


# Filters and facets


def test_search_combines_with_every_filter_of_the_list(client):
    person = make_person(slug="the-person")
    country = make_organization(slug="the-country")
    topic = make_topic(slug="the-topic")
    match = make_readout(
        title="Ceasefire match",
        date=datetime.date(2025, 3, 5),
        format="meeting",
        organizations=[country],
        topics=[topic],
    )
    make_participant(match, person)
    make_statement(match, kind="joint_statement")
    make_readout(title="Ceasefire elsewhere", date=datetime.date(2025, 3, 5), format="meeting")
    rebuild()
    filters = {
        "person": "the-person",
        "organization": "the-country",
        "topic": "the-topic",
        "format": "meeting",
        "statement_kind": "joint_statement",
        "date_after": "2025-03-01",
        "date_before": "2025-03-31",
    }
    assert found(client, "ceasefire", **filters) == {"Ceasefire match"}
    for name, value in filters.items():
        assert "Ceasefire match" in found(client, "ceasefire", **{name: value}), name
    # Each of these alone leaves the other readout out (the search is narrowed to the readouts
    # the filters find in the appearance tables, with the statement kind as a condition on them).
    for name in ("person", "organization", "topic"):
        assert found(client, "ceasefire", **{name: filters[name]}) == {"Ceasefire match"}, name
    assert found(client, "ceasefire", statement_kind="joint_statement", topic="the-topic") == {"Ceasefire match"}


@pytest.mark.parametrize(
    "params", [{"person": "nobody"}, {"topic": "bad slug!"}, {"date_after": "yesterday"}, {"format": "telegram"}]
)
def test_an_invalid_filter_is_a_400_with_the_error(client, params):
    make_readout(title="Ceasefire")
    rebuild()
    response = get(client, "ceasefire", **params)
    assert response.status_code == 400
    assert response.context["page"] is None
    assertContains(response, "Check the filters", status_code=400)
    assertContains(response, "errorlist", status_code=400)


def facet(response, name):
    """{label: Option} of one facet on the page."""
    options = next(options for each, _, options in response.context["facets"] if each == name)
    return {option.label: option for option in options}


def test_facets_count_the_readouts_found(client):
    zelenskyy = make_person(name="Volodymyr Zelenskyy", slug="zelenskyy")
    ukraine = make_organization(name="Ukraine", slug="ukraine")
    air_defence = make_topic(name="Air defence", slug="air-defence")
    patriot = make_topic(name="Patriot", slug="patriot", parent=air_defence)
    first = make_readout(
        title="Ceasefire one", date=datetime.date(2024, 5, 1), topics=[patriot], organizations=[ukraine]
    )
    make_participant(first, zelenskyy)
    make_statement(first, kind="joint_statement")
    second = make_readout(title="Ceasefire two", date=datetime.date(2025, 5, 1), format="meeting", topics=[air_defence])
    make_participant(second, zelenskyy, represented=ukraine)
    make_statement(second, kind="readout")
    make_statement(make_readout(title="Ceasefire three", date=datetime.date(2025, 6, 1)), issuer=ukraine)
    make_readout(title="Unrelated", topics=[air_defence], organizations=[ukraine])
    make_readout(title="Ceasefire draft", status=Readout.Status.DRAFT, topics=[air_defence])
    rebuild()
    response = get(client, "ceasefire")
    count = lambda name: {label: option.count for label, option in facet(response, name).items()}  # noqa: E731
    assert count("year") == {"2025": 2, "2024": 1}
    assert list(count("year")) == ["2025", "2024"]
    assert count("person")["Volodymyr Zelenskyy"] == 2
    assert count("organization")["Ukraine"] == 3  # listed, represented, issuing
    assert count("topic") == {"Air defence": 2, "Patriot": 1}  # a subtopic counts for its topic
    assert count("format") == {"Phone call": 2, "Meeting": 1}
    assert count("statement_kind") == {"Readout": 2, "Joint statement": 1}


def test_facet_links_add_their_filter_and_keep_the_search(client):
    readout = make_readout(title="Ceasefire", date=datetime.date(2025, 3, 1))
    make_participant(readout, make_person(name="Marco Rubio", slug="marco-rubio"))
    rebuild()
    response = get(client, "ceasefire", order="date", format="phone_call")
    person = facet(response, "person")["Marco Rubio"]
    assert person.url == "?q=ceasefire&order=date&format=phone_call&person=marco-rubio"
    assert not person.selected
    year = facet(response, "year")["2025"]
    assert year.url == "?q=ceasefire&order=date&format=phone_call&date_after=2025-01-01&date_before=2025-12-31"
    assertContains(response, 'href="?q=ceasefire&amp;order=date&amp;format=phone_call&amp;person=marco-rubio"')


def test_a_chosen_facet_is_shown_selected_with_a_link_that_removes_it(client):
    make_readout(title="Ceasefire", format="meeting", date=datetime.date(2025, 3, 1))
    rebuild()
    response = get(client, "ceasefire", format="meeting", date_after="2025-01-01", date_before="2025-12-31")
    meeting = facet(response, "format")["Meeting"]
    assert meeting.selected
    assert meeting.url == "?q=ceasefire&date_after=2025-01-01&date_before=2025-12-31"
    year = facet(response, "year")["2025"]
    assert year.selected and year.url == "?q=ceasefire&format=meeting"
    assertContains(response, 'class="facet__selected"', count=2)
    assertContains(response, 'aria-label="Remove the filter Format: Meeting"')


def test_facets_of_many_readouts_are_estimated_from_a_sample_and_say_so(client, monkeypatch):
    monkeypatch.setattr(facets, "SAMPLE", 20)
    for n in range(200):
        make_readout(title=f"Ceasefire {n}", date=datetime.date(2025, 1 + n % 12, 1))
    rebuild()
    response = get(client, "ceasefire")
    assert response.context["page"].paginator.count == 200  # the count itself is exact
    assert response.context["facets_estimated"]
    assertContains(response, "Counts estimated from a sample")
    assert 50 <= facet(response, "year")["2025"].count <= 800
    assertContains(response, "about ")


def test_the_search_form_keeps_the_filters_and_order(client):
    make_readout(title="Ceasefire", format="meeting")
    rebuild()
    response = get(client, "ceasefire", format="meeting", order="date", page="")
    assertContains(response, '<input type="hidden" name="format" value="meeting">')
    assertContains(response, '<input type="hidden" name="order" value="date">')
    assertNotContains(response, 'name="page"')


# Drafts


def test_drafts_are_never_found(client):
    make_readout(title="Draft ceasefire", status=Readout.Status.DRAFT)
    make_readout(title="Published ceasefire")
    rebuild()
    assert found(client, "ceasefire") == {"Published ceasefire"}
    assertNotContains(get(client, "draft"), "Draft ceasefire")


def test_a_readout_withdrawn_behind_the_index_back_is_not_shown(client):
    make_readout(title="Published ceasefire")
    withdrawn = make_readout(title="Withdrawn ceasefire")
    rebuild()
    Readout.objects.filter(pk=withdrawn.pk).update(status=Readout.Status.DRAFT)  # no signal: still indexed
    assert found(client, "ceasefire") == {"Published ceasefire"}
    assert found(client, "ceasefire", order="date") == {"Published ceasefire"}


# A fixed number of queries


@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize(
    "params, queries",
    [
        # spellings of names; the total, facets and page (one query); cards, principals, topics;
        # snippets
        ({"q": "telephone"}, 6),
        ({"q": "telephone", "order": "date"}, 6),
        # ... and one look-up each for the chosen person, organization and topic
        ({"q": "telephone", "person": "the-person", "organization": "the-country", "topic": "the-topic"}, 9),
    ],
)
def test_the_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size, params, queries):
    build_sized_archive(size)
    rebuild()
    if connection.vendor == "postgresql":
        # search.planned(): SET LOCAL enable_seqscan, in a transaction (here a savepoint and its
        # release, since the test runs in one; in production BEGIN and COMMIT are not queries).
        queries += 3
    with django_assert_num_queries(queries):
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == size


# The sample archive


def test_the_sample_archive_finds_zelenskyy_by_every_spelling(client):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw
    results = [found(client, spelling) for spelling in ["Zelensky", "Zelenskiy", "Zelenskyy"]]
    assert results[0] == results[1] == results[2]
    assert len(results[0]) == Readout.objects.published().count()

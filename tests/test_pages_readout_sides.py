"""The readout page sets the accounts side by side: statements grouped by the side that issued
them, where the accounts differ first, each text marked as the issuer's words or the editor's,
short provenance, commitments with their latest update, and dates as readers write them."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.comparison import compare_url
from readouts.models import Readout
from tests.factories import (
    make_commitment,
    make_discrepancy,
    make_organization,
    make_quote,
    make_readout,
    make_source,
    make_statement,
    make_update,
)

pytestmark = pytest.mark.django_db


def position(html, text):
    index = html.find(text)
    assert index >= 0, text
    return index


@pytest.fixture
def sides():
    """A call with accounts from three sides, issued by bodies inside two countries and by a
    news agency named only in words."""
    united_states = make_organization(name="United States", slug="united-states")
    white_house = make_organization(name="The White House", kind="government_body", parent=united_states)
    russia = make_organization(name="Russia", slug="russia")
    kremlin = make_organization(name="Kremlin", kind="government_body", parent=russia)
    readout = make_readout(title="Trump–Putin telephone call")
    statements = {
        "white_house": make_statement(readout, issuer=white_house, issuer_name="The White House", position=1),
        "kremlin": make_statement(readout, issuer=kremlin, issuer_name="Kremlin press service", position=2),
        "agency": make_statement(readout, issuer_name="TASS", kind="media_report", position=3),
        "president": make_statement(
            readout, issuer=united_states, issuer_name="President of the United States", position=4
        ),
    }
    return readout, statements


def test_statements_are_grouped_by_the_country_their_issuer_sits_inside(client, sides):
    readout, statements = sides
    html = client.get(readout.get_absolute_url()).content.decode()
    # One column per side, in the order of each side's first statement, each headed by its name.
    columns = re.findall(r'<section class="side[^"]*" id="(side-[^"]+)"', html)
    assert columns == ["side-united-states", "side-russia", "side-tass"]
    assert re.search(
        r'<h3 class="side__name" id="side-united-states-heading"><a href="/organizations/united-states/">United States</a>',
        html,
    )
    assert re.search(r'<h3 class="side__name" id="side-tass-heading">TASS</h3>', html)
    # Read linearly, a side's statements come together, under its heading.
    us = position(html, 'id="side-united-states"')
    russia = position(html, 'id="side-russia"')
    assert (
        us
        < position(html, f'id="{statements["white_house"].anchor}"')
        < position(html, f'id="{statements["president"].anchor}"')
        < russia
    )
    assert russia < position(html, f'id="{statements["kremlin"].anchor}"') < position(html, 'id="side-tass"')


def test_the_jump_list_names_each_side_and_its_number_of_statements(client, sides):
    readout, _ = sides
    response = client.get(readout.get_absolute_url())
    assertContains(response, '<nav class="sides-nav" aria-label="Statements by side">')
    for anchor, name, count in [
        ("side-united-states", "United States", 2),
        ("side-russia", "Russia", 1),
        ("side-tass", "TASS", 1),
    ]:
        assertContains(
            response, f'<li><a href="#{anchor}">{name}</a> <span class="count">{count}</span></li>', html=True
        )


def test_one_side_keeps_a_single_column_and_no_jump_list(client):
    readout = make_readout()
    make_statement(readout, issuer_name="The White House")
    make_statement(readout, issuer_name="The White House")
    response = client.get(readout.get_absolute_url())
    assertContains(response, 'class="side ', count=1)
    assertNotContains(response, "sides-nav")


def test_columns_are_as_wide_as_their_share_of_the_text(client):
    readout = make_readout()
    make_statement(readout, issuer_name="Long", summary="word " * 600)
    make_statement(readout, issuer_name="Short", summary="A short account.")
    html = client.get(readout.get_absolute_url()).content.decode()
    widths = re.findall(r'<section class="side side--width-(\d)" id="side-(\w+)"', html)
    assert widths == [("8", "long"), ("1", "short")]


def test_where_the_accounts_differ_comes_first_with_a_link_to_each_point(client, sides):
    readout, statements = sides
    scope = make_discrepancy(
        readout,
        subject="Scope of the pause",
        versions=[
            ("energy and infrastructure", statements["white_house"]),
            ("energy infrastructure", statements["kremlin"]),
        ],
    )
    conditions = make_discrepancy(
        readout, subject="Russian conditions", versions=[("none stated", statements["white_house"])]
    )
    html = client.get(readout.get_absolute_url()).content.decode()
    summary = position(html, "The accounts differ on 2 points:")
    assert position(html, '<p class="lede">') < summary < position(html, 'id="statements"')
    assert (
        summary
        < position(html, f'<a href="#d{scope.pk}">Scope of the pause</a>')
        < position(html, f'<a href="#d{conditions.pk}">Russian conditions</a>')
    )
    # Each card names whose wording it is, and links the statement it is in.
    card = html[position(html, f'id="d{scope.pk}"') : position(html, f'id="d{conditions.pk}"')]
    assert f'The White House, in the <a href="#{statements["white_house"].anchor}">readout of 19 March 2025</a>' in card
    assert (
        f'Kremlin press service, in the <a href="#{statements["kremlin"].anchor}">readout of 19 March 2025</a>' in card
    )


def test_one_difference_is_one_point(client):
    readout = make_readout()
    make_discrepancy(readout, subject="Length of the call", versions=[("an hour", None), ("two hours", None)])
    assertContains(client.get(readout.get_absolute_url()), "The accounts differ on 1 point:")


def test_a_version_without_statement_or_issuer_says_who_reported_it(client):
    readout = make_readout()
    discrepancy = make_discrepancy(readout, versions=[("two hours", None)])
    discrepancy.versions.get().sources.add(make_source(name="Reuters", url="https://reuters.example/2"))
    response = client.get(readout.get_absolute_url())
    assertContains(
        response,
        'As reported by: <a href="https://reuters.example/2" rel="noopener noreferrer external">Reuters</a>',
        html=True,
    )


def test_verbatim_text_is_the_issuers_words_set_as_a_quotation(client):
    readout = make_readout()
    statement = make_statement(
        readout, issuer_name="The White House", text="Both leaders agreed.\n\nThey spoke at length."
    )
    response = client.get(readout.get_absolute_url())
    assertContains(response, '<span class="label">Verbatim text</span> The White House’s own words', html=False)
    html = response.content.decode()
    quotation = html[position(html, '<blockquote class="statement__text statement__text--verbatim"') :]
    assert position(quotation, f'<p id="{statement.anchor}-p1">Both leaders agreed.') < position(
        quotation, "</blockquote>"
    )
    assertNotContains(response, "Editor’s summary")


def test_an_editors_summary_is_labelled_and_set_as_plain_text_not_a_quotation(client):
    readout = make_readout()
    statement = make_statement(readout, summary="The leaders discussed a ceasefire.")
    response = client.get(readout.get_absolute_url())
    html = response.content.decode()
    assertContains(response, '<span class="label">Editor’s summary</span>', html=False)
    summary = html[position(html, '<div class="statement__text statement__text--summary">') :]
    assert summary.find(f'<p id="{statement.anchor}-p1">The leaders discussed a ceasefire.') < summary.find("</div>")
    assert "statement__text--verbatim" not in html


def test_provenance_shows_one_source_in_a_line_and_the_rest_on_request(client):
    readout = make_readout()
    # Sources come in alphabetical order.
    first = make_source(name="AP", url="https://ap.example/1", published_on=datetime.date(2025, 3, 20), note="A copy.")
    second = make_source(name="Reuters", url="https://reuters.example/3")
    make_statement(readout, sources=[first, second], cites="State Department website", note="Read at the briefing.")
    html = client.get(readout.get_absolute_url()).content.decode()
    provenance = html[position(html, '<footer class="provenance">') : position(html, "</footer>")]
    details = provenance[position(provenance, '<details class="provenance__more">') :]
    # Publisher, date and link in one line; the other source, the citation and the notes inside <details>.
    shown = provenance[: position(provenance, "<details")]
    assert (
        '<a href="https://ap.example/1" rel="noopener noreferrer external">AP</a>, <time datetime="2025-03-20">20 March 2025</time>'
        in shown
    )
    assert "Reuters" not in shown and "A copy." not in shown
    assert "<summary>1 more source and notes</summary>" in details
    for text in ("https://reuters.example/3", "State Department website", "Read at the briefing.", "A copy."):
        assert text in details


def test_commitments_show_their_latest_update_and_the_readout_that_is_its_evidence(client):
    readout = make_readout()
    later = make_readout(
        title="Expert-level talks in Riyadh", date=datetime.date(2025, 3, 23), end_date=datetime.date(2025, 3, 25)
    )
    commitment = make_commitment(readout, description="Technical teams to meet in Saudi Arabia.")
    make_update(commitment, date=datetime.date(2025, 3, 20), status="in_progress", note="Teams named.")
    make_update(
        commitment,
        date=datetime.date(2025, 3, 23),
        status="fulfilled",
        note="Met in Riyadh on 23 and 25 March.",
        evidence=later,
    )
    make_update(commitment, date=None, status="stalled", note="An undated rumour.")
    response = client.get(readout.get_absolute_url())
    assertContains(response, '<span class="status status--fulfilled">', html=False)
    assertContains(
        response,
        'Latest update, <time datetime="2025-03-23">23 March 2025</time></span> Met in Riyadh on 23 and 25 March.',
        html=False,
    )
    assertContains(
        response,
        f'Evidence: <a href="{later.get_absolute_url()}">Expert-level talks in Riyadh</a>, 23–25 March 2025',
        html=False,
    )
    assertNotContains(response, "Teams named.")
    assertNotContains(response, "An undated rumour.")


def test_a_draft_evidence_readout_is_not_linked(client):
    readout = make_readout()
    draft = make_readout(title="Talks still being edited", status=Readout.Status.DRAFT)
    commitment = make_commitment(readout)
    make_update(commitment, note="The teams met.", evidence=draft)
    response = client.get(readout.get_absolute_url())
    assertContains(response, "The teams met.")
    assertNotContains(response, "Talks still being edited")
    assertNotContains(response, draft.get_absolute_url())


def test_text_in_another_language_carries_its_lang(client):
    readout = make_readout()
    kremlin = make_statement(
        readout, issuer_name="Kremlin", language="ru", text="Владимир Путин провёл телефонный разговор."
    )
    rendering = make_statement(
        readout, issuer_name="Kremlin", language="ru", text="Vladimir Putin held a telephone conversation."
    )
    summary = make_statement(readout, issuer_name="Kremlin", language="ru", summary="Putin described the call.")
    make_quote(kremlin, text="энергетической инфраструктуры")
    make_quote(summary, text="energy infrastructure")
    make_discrepancy(
        readout, versions=[("энергетическая инфраструктура", kremlin), ("energy infrastructure", rendering)]
    )
    html = client.get(readout.get_absolute_url()).content.decode()
    assert '<blockquote class="statement__text statement__text--verbatim" lang="ru">' in html
    assert html.count('lang="ru"') == 3  # the Russian text, its quote and the Russian version
    assert '<blockquote lang="ru"><p>энергетической инфраструктуры</p></blockquote>' in html
    assert '<p class="version__says" lang="ru">энергетическая инфраструктура</p>' in html
    # An English rendering and the editor's summary are the page's English: no lang of their own.
    assert '<p class="version__says">energy infrastructure</p>' in html
    assert f'<p id="{rendering.anchor}-p1">Vladimir Putin held' in html


def test_a_verbatim_text_in_a_latin_script_language_is_marked_as_such(client):
    readout = make_readout()
    make_statement(readout, issuer_name="Élysée", language="fr", text="Le président a parlé avec M. Zelensky.")
    assertContains(client.get(readout.get_absolute_url()), 'statement__text--verbatim" lang="fr"', html=False)


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (datetime.date(2025, 3, 19), None, "19 March 2025"),
        (datetime.date(2025, 3, 23), datetime.date(2025, 3, 25), "23–25 March 2025"),
        (datetime.date(2025, 4, 30), datetime.date(2025, 5, 2), "30 April – 2 May 2025"),
        (datetime.date(2024, 12, 31), datetime.date(2025, 1, 2), "31 December 2024 – 2 January 2025"),
    ],
)
def test_date_spans_are_written_as_readers_write_them(client, start, end, shown):
    readout = make_readout(title="Talks in Riyadh", date=start, end_date=end)
    rendered = Template("{% load readouts_tags %}{{ readout|date_span }}").render(Context({"readout": readout}))
    assert rendered == shown
    page = client.get(readout.get_absolute_url())
    assertContains(page, f"<title>Talks in Riyadh, {shown}", html=False)
    assertContains(page, f'<dt>Date</dt><dd><time datetime="{start.isoformat()}">{shown}</time></dd>', html=False)
    # Lists show the same span.
    assertContains(client.get(reverse("readouts:readout_list")), shown)


@pytest.mark.parametrize(
    ("issued", "note", "shown"),
    [
        # The sample archive's four notes.
        (None, "2025-03-18/19", "18–19 March 2025"),
        (None, "2025-03-19/20 (day not stated in the stored copy)", "19–20 March 2025 (day not stated in the stored copy)"),
        (None, "2025-03-23 and 2025-03-25", "23 and 25 March 2025"),
        (None, "on or before 2025-02-18 (exact day not verified)", "on or before 18 February 2025 (exact day not verified)"),
        (None, "2025-03", "March 2025"),
        (None, "2024-12-31 or 2025-01-02", "31 December 2024 or 2 January 2025"),
        (None, "2025-03-30/31", "30–31 March 2025"),
        # Not a day, not a span forwards, two years: kept as the editor wrote them.
        (None, "2025-02-30", "2025-02-30"),
        (None, "2025-03-19/18", "2025-03-19/18"),
        (None, "between 2010-11 and 2012", "between 2010-11 and 2012"),
        (datetime.date(2025, 3, 19), "", "19 March 2025"),
        (datetime.date(2025, 3, 19), "published 2025-03-20", "19 March 2025 (published 20 March 2025)"),
        (None, "", ""),
    ],
)
def test_a_statements_date_reads_in_words_on_its_readout_and_compare_pages(client, issued, note, shown):
    readout = make_readout()
    statement = make_statement(readout, issuer_name="Kremlin", date_issued=issued, date_note=note)
    other = make_statement(readout, issuer_name="White House")
    rendered = Template("{% load readouts_tags %}{{ statement|statement_date }}").render(Context({"statement": statement}))
    assert rendered == shown.replace("'", "&#x27;")
    meta = re.search(r'<p class="statement__meta">(.*?) · ', client.get(readout.get_absolute_url()).text).group(1)
    compare = client.get(compare_url(readout, statement.pk, other.pk)).text
    if issued:
        assert meta == f'<time datetime="{issued.isoformat()}">{shown}</time>'
        assert f'<time datetime="{issued.isoformat()}">{shown}</time></p>' in compare
    else:
        assert meta == (shown or "Undated")
        assert f" · {shown or 'undated'}</p>" in compare

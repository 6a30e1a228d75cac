"""The comparison of two statements of a readout: /readouts/<date>/<slug>/compare/?a=<id>&b=<id>."""

import datetime
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.template import Context, Template

from readouts.comparison import compare_url
from readouts.models import Readout, Statement
from tests.factories import (
    build_sized_archive,
    make_organization,
    make_readout,
    make_source,
    make_statement,
    make_version,
)

pytestmark = pytest.mark.django_db

WHITE_HOUSE = (
    "President Trump and President Putin spoke today about the need for peace and a ceasefire.\n\n"
    "The leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire. "
    "They also discussed the Middle East."
)
KREMLIN = (
    "Владимир Путин и Дональд Трамп провели телефонный разговор.\n\n"
    "Donald Trump proposed a pause. The leaders agreed that the movement to peace will begin with an energy "
    "and infrastructure ceasefire for thirty days."
)


@pytest.fixture
def call():
    readout = make_readout(title="Trump–Putin call", slug="trump-putin-call", date=datetime.date(2025, 3, 18))
    united_states = make_organization(name="United States", slug="united-states")
    white_house = make_statement(
        readout, issuer_name="The White House", issuer=united_states, text=WHITE_HOUSE,
        sources=[make_source(name="whitehouse.gov", url="https://www.whitehouse.gov/readout")],
    )
    kremlin = make_statement(
        readout, issuer_name="Kremlin", kind="statement", language="ru", text=KREMLIN,
        date_issued=datetime.date(2025, 3, 19),
    )
    summary = make_statement(readout, issuer_name="Ukrainian government", summary="Kyiv was not consulted.")
    return readout, white_house, kremlin, summary


def canonical(response):
    head = response.content.decode().split("</head>")[0]
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', head)
    return unescape(found[0]) if found else None


def cells(html, side):
    return re.findall(rf'<div class="compare__cell compare__cell--{side} [^"]*">(.*?)\n</div>', html, re.S)


# ---- What the page shows ------------------------------------------------------------------------


def test_two_statements_stand_in_two_columns_headed_by_issuer_kind_and_date(client, call):
    readout, white_house, kremlin, _ = call
    response = client.get(compare_url(readout, white_house, kremlin))
    assert response.status_code == 200
    html = response.content.decode()
    left, right = html.index('id="compare-left"'), html.index('id="compare-right"')
    assert left < right
    head_left, head_right = html[left:right], html[right : html.index("compare__row")]
    assert '<a href="/organizations/united-states/">The White House</a>' in head_left
    assert "Readout" in head_left and '<time datetime="2025-03-18">18 March 2025</time>' in head_left
    assert "<h2>Kremlin</h2>" in head_right and "Statement" in head_right
    assert '<time datetime="2025-03-19">19 March 2025</time>' in head_right
    assert "Verbatim text</span> in Russian" in head_right
    # Attributed: where the archive read it, and the statement on the readout's page.
    assert '<a href="https://www.whitehouse.gov/readout" rel="noopener noreferrer external">whitehouse.gov</a>' in head_left
    assert f'href="{readout.get_absolute_url()}#{kremlin.anchor}"' in head_right


def test_each_side_keeps_its_words_in_its_column_with_its_language(client, call):
    readout, white_house, kremlin, _ = call
    html = client.get(compare_url(readout, white_house, kremlin)).content.decode()
    left = " ".join(cells(html, "left"))
    right = " ".join(cells(html, "right"))
    assert "Middle East" in left and "Middle East" not in right
    assert "Владимир Путин" in right and "Владимир Путин" not in left
    assert left.count('lang="en"') == len(cells(html, "left")) - left.count("compare__gap")
    assert 'class="compare__text" lang="ru"' in right and 'lang="en"' not in right


def test_passages_both_contain_are_marked_with_a_legend(client, call):
    readout, white_house, kremlin, _ = call
    html = client.get(compare_url(readout, white_house, kremlin)).content.decode()
    marks = re.findall(r'<mark class="shared">(.*?)</mark>', html)
    assert "Underlined on a tint" in marks[0]  # the legend's sample comes first
    assert "The leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire." in marks
    assert "The leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire" in marks
    assert not any("Middle East" in mark or "Trump proposed" in mark for mark in marks)
    assert "words are shared with the other account" in html


def test_counterpart_paragraphs_share_a_row_and_what_one_side_lacks_says_so(client, call):
    readout, white_house, kremlin, _ = call
    html = client.get(compare_url(readout, white_house, kremlin)).content.decode()
    rows = html.split('<div class="compare__row')[1:]
    agreed = [row for row in rows if "movement to peace" in row]
    assert len(agreed) == 1 and agreed[0].count("movement to peace") == 2
    # "Donald Trump proposed a pause." has no counterpart: the White House's side is empty there.
    proposed = next(row for row in rows if "Trump proposed" in row)
    assert "Nothing here in The White House’s account" in proposed


def test_an_editors_summary_is_labelled_as_such(client, call):
    readout, white_house, _, summary = call
    html = client.get(compare_url(readout, summary, white_house)).content.decode()
    assert "Editor’s summary</span> the archive does not hold this statement’s own words" in html
    assert "compare__cell--summary" in html and "Ukrainian government (editor’s summary)" in html


def test_the_title_and_canonical_name_both_sides_in_the_order_given(client, call):
    readout, white_house, kremlin, _ = call
    response = client.get(compare_url(readout, kremlin, white_house))
    html = response.content.decode()
    assert "<title>Kremlin and White House accounts compared · Trump–Putin call · Readouts archive</title>" in html
    assert "<h1>Kremlin and White House accounts compared</h1>" in html
    assert canonical(response) == f"http://testserver{readout.get_absolute_url()}compare/?a={kremlin.pk}&b={white_house.pk}"
    assert "<h2>Kremlin</h2>" in html[html.index('id="compare-left"') : html.index('id="compare-right"')]


def test_the_canonical_ignores_other_parameters_and_leading_zeros(client, call):
    readout, white_house, kremlin, _ = call
    path = f"{readout.get_absolute_url()}compare/"
    expected = f"http://testserver{path}?a={white_house.pk}&b={kremlin.pk}"
    for query in (
        f"a={white_house.pk}&b={kremlin.pk}&utm_source=x",
        f"b={kremlin.pk}&a={white_house.pk}",
        f"a=00{white_house.pk}&b={kremlin.pk}&page=2&q=x",
    ):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, query
        assert canonical(response) == expected, query


def test_the_form_offers_the_readouts_statements_with_the_two_chosen(client, call):
    readout, white_house, kremlin, summary = call
    other = make_statement(make_readout(), issuer_name="Somebody else")
    html = client.get(compare_url(readout, kremlin, summary)).content.decode()
    start = html.index('<form class="compare__form" method="get"')
    form = html[start : html.index("</form>", start)]
    assert f'action="{readout.get_absolute_url()}compare/"' in form
    assert form.count("<option") == 6 and "Somebody else" not in form and str(other.pk) not in re.findall(r'value="(\d+)"', form)
    assert f'<option value="{kremlin.pk}" selected>Kremlin, statement, 19 March 2025</option>' in form.split('name="b"')[0]
    assert f'<option value="{summary.pk}" selected>' in form.split('name="b"')[1]


def test_the_readout_page_can_build_the_link(call):
    readout, white_house, kremlin, _ = call
    rendered = Template("{% load compare_tags %}{% compare_url readout a b %}").render(
        Context({"readout": readout, "a": white_house, "b": kremlin.pk})
    )
    assert rendered == f"{readout.get_absolute_url()}compare/?a={white_house.pk}&amp;b={kremlin.pk}"


def test_text_is_escaped(client, call):
    readout, white_house, _, _ = call
    hostile = make_statement(readout, issuer_name="<script>x</script>", text="<img src=x onerror=alert(1)> said.")
    html = client.get(compare_url(readout, white_house, hostile)).content.decode()
    assert "<script>x" not in html and "<img src=x" not in html and "&lt;img src=x" in html


# ---- What it refuses ----------------------------------------------------------------------------


MALFORMED = "Statements are chosen by their number, an earlier text by its version, a translation by its language: 12, 12v1, 12-en."


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("", 400, "Choose two statements to compare."),
        ("a={white_house}", 400, "Choose two statements to compare."),
        ("b={white_house}", 400, "Choose two statements to compare."),
        ("a={white_house}&b=", 400, "Choose two statements to compare."),
        ("a=one&b={kremlin}", 400, MALFORMED),
        ("a={white_house}&b=-1", 400, MALFORMED),
        ("a={white_house}&b=1.5", 400, MALFORMED),
        ("a={white_house}&b=%D9%A1", 400, MALFORMED),  # an Arabic-Indic 1
        ("a={white_house}&b=99999999999999999999999", 404, "This readout has no statement numbered 99999999999999999999999."),
        ("a={white_house}&b={white_house}", 400, "Choose two different statements, or two versions of one."),
        ("a={white_house}&b=0{white_house}", 400, "Choose two different statements, or two versions of one."),
        ("a={white_house}&b=999999", 404, "This readout has no statement numbered 999999."),
        ("a={foreign}&b={kremlin}", 404, "This readout has no statement numbered {foreign}."),
        ("a=9223372036854775808&b={kremlin}", 404, "This readout has no statement numbered 9223372036854775808."),
    ],
)
def test_bad_choices_get_a_clear_message_and_the_form_never_a_server_error(client, call, query, status, message):
    readout, white_house, kremlin, _ = call
    foreign = make_statement(make_readout())
    ids = {"white_house": white_house.pk, "kremlin": kremlin.pk, "foreign": foreign.pk}
    response = client.get(f"{readout.get_absolute_url()}compare/?{query.format(**ids)}")
    assert response.status_code == status
    html = response.content.decode()
    assert f'<p class="compare__message" role="alert">{message.format(**ids)}</p>' in html
    assert '<form class="compare__form"' in html
    assert canonical(response) is None and '<meta name="robots" content="noindex">' in html
    assert "compare__row" not in html


def test_a_readout_with_one_statement_has_nothing_to_compare(client):
    readout = make_readout()
    statement = make_statement(readout)
    response = client.get(compare_url(readout, statement, statement.pk + 1))
    assert response.status_code == 404
    assert "This readout has 1 statement: there is nothing to compare." in response.content.decode()


def test_a_draft_readouts_comparison_is_not_found(client, call):
    readout, white_house, kremlin, _ = call
    url = compare_url(readout, white_house, kremlin)
    Readout.objects.filter(pk=readout.pk).update(status=Readout.Status.DRAFT)
    response = client.get(url)
    assert response.status_code == 404
    assert b"Kremlin" not in response.content and b"movement to peace" not in response.content


@pytest.mark.parametrize("path", ["/readouts/2025/02/30/trump-putin-call/compare/", "/readouts/2025/03/18/no-such-call/compare/"])
def test_a_wrong_date_or_slug_is_not_found(client, call, path):
    assert client.get(path + "?a=1&b=2").status_code == 404


def test_a_former_address_moves_to_todays_with_the_choice_kept(client, call):
    readout, white_house, kremlin, _ = call
    old = compare_url(readout, white_house, kremlin)
    readout.slug = "renamed-call"
    readout.save()
    response = client.get(old + "&utm_source=x")
    assert response.status_code == 301
    assert response["Location"] == compare_url(readout, white_house, kremlin)


def test_a_former_address_of_a_readout_now_a_draft_is_not_found(client, call):
    readout, white_house, kremlin, _ = call
    old = compare_url(readout, white_house, kremlin)
    readout.slug = "renamed-call"
    readout.status = Readout.Status.DRAFT
    readout.save()
    assert client.get(old).status_code == 404


# ---- Cache and queries --------------------------------------------------------------------------


def stored_pages():
    return sorted(key for key in cache._cache if ":page:" in key)


def test_the_page_cache_keys_the_choice_and_nothing_else(client, call, page_cache):
    readout, white_house, kremlin, _ = call
    path = f"{readout.get_absolute_url()}compare/"
    first = client.get(f"{path}?a={white_house.pk}&b={kremlin.pk}")
    stored = stored_pages()
    assert len(stored) == 1
    for query in (f"b={kremlin.pk}&a={white_house.pk}", f"a={white_house.pk}&b={kremlin.pk}&fbclid=x",
                  f"a=0{white_house.pk}&b={kremlin.pk}"):
        assert client.get(f"{path}?{query}").content == first.content, query
    assert stored_pages() == stored
    swapped = client.get(f"{path}?a={kremlin.pk}&b={white_house.pk}")
    assert swapped.content != first.content and len(stored_pages()) == 2
    # Refusals are not stored.
    assert client.get(f"{path}?a={kremlin.pk}").status_code == 400
    assert len(stored_pages()) == 2


def test_other_pages_still_drop_a_and_b(client, call, page_cache):
    readout, *_ = call
    bare = client.get(readout.get_absolute_url())
    stored = stored_pages()
    assert client.get(readout.get_absolute_url() + "?a=1&b=2").content == bare.content
    assert stored_pages() == stored


@pytest.mark.parametrize("size", [3, 12])
def test_the_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    readouts = build_sized_archive(size)
    middle = readouts[len(readouts) // 2]
    first, second, *_ = middle.statements.all()
    url = compare_url(middle, first, second)
    # readout; its statements with their issuers; their sources, earlier texts and translations
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


def test_the_comparisons_stylesheet_is_linked_from_its_page_only(client, call):
    readout, white_house, kremlin, _ = call
    assert b"/static/css/compare.css" in client.get(compare_url(readout, white_house, kremlin)).content
    assert b"/static/css/compare.css" in client.get(f"{readout.get_absolute_url()}compare/").content  # the 400 too
    assert b"/static/css/compare.css" not in client.get(readout.get_absolute_url()).content


# ---- Reached from the readout page --------------------------------------------------------------


def test_each_statement_on_the_readout_page_links_to_a_comparison_that_opens(client, call):
    readout, white_house, kremlin, summary = call
    page = client.get(readout.get_absolute_url()).content.decode()
    links = [unescape(href) for href in re.findall(r'<a href="([^"]*/compare/\?[^"]*)">Compare with', page)]
    # Three sides (two organizations' names, one issuer name): each statement beside the next side's.
    assert links == [
        compare_url(readout, white_house, kremlin),
        compare_url(readout, kremlin, summary),
        compare_url(readout, summary, white_house),
    ]
    for link in links:
        assert client.get(link).status_code == 200


def test_a_readout_with_one_statement_offers_no_comparison(client):
    readout = make_readout(slug="alone")
    make_statement(readout, issuer_name="Kremlin", text="A single account.")
    assert "/compare/" not in client.get(readout.get_absolute_url()).content.decode()


# ---- Two texts of one statement -----------------------------------------------------------------


@pytest.fixture
def edited(call):
    readout, white_house, kremlin, _ = call
    make_version(white_house, text=WHITE_HOUSE + " They praised the talks.", seen_on=datetime.date(2025, 3, 18))
    Statement.objects.filter(pk=white_house.pk).update(text_seen_on=datetime.date(2025, 3, 20))
    return readout, white_house, kremlin


def test_an_earlier_text_and_the_current_one_are_compared_word_by_word(client, edited):
    readout, white_house, _ = edited
    response = client.get(compare_url(readout, f"{white_house.pk}v1", white_house.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>White House readout: versions 1 and 2 compared</h1>" in html
    assert "1 sentence removed" in html
    assert '<del><span class="visually-hidden">[removed: </span>They praised the talks.' in html
    assert canonical(response) == "http://testserver" + compare_url(readout, f"{white_house.pk}v1", white_house.pk)


def test_the_current_text_named_by_its_version_number_has_the_bare_address(client, edited):
    readout, white_house, _ = edited
    response = client.get(compare_url(readout, f"{white_house.pk}v1", f"{white_house.pk}v2"))
    assert canonical(response) == "http://testserver" + compare_url(readout, f"{white_house.pk}v1", white_house.pk)


def test_an_earlier_text_can_be_compared_with_another_statement(client, edited):
    readout, white_house, kremlin = edited
    response = client.get(compare_url(readout, f"{white_house.pk}v1", kremlin.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "version 1, seen" in html and "They praised the talks." in html


@pytest.mark.parametrize(
    ("token", "status"),
    [("{pk}v9", 404), ("{pk}v0", 404), ("{pk}v", 400), ("v1", 400), ("{pk}v1v1", 400), ("{pk}x1", 400)],
)
def test_a_version_that_is_not_there_or_malformed_is_refused(client, edited, token, status):
    readout, white_house, kremlin = edited
    response = client.get(compare_url(readout, token.format(pk=white_house.pk), kremlin.pk))
    assert response.status_code == status


def test_the_readout_page_links_a_change_to_its_word_diff(client, edited):
    readout, white_house, _ = edited
    html = unescape(client.get(readout.get_absolute_url()).content.decode())
    assert f'<a href="{compare_url(readout, f"{white_house.pk}v1", white_house.pk)}">See what changed' in html


def test_the_form_offers_each_earlier_text(client, edited):
    readout, white_house, kremlin = edited
    html = client.get(compare_url(readout, white_house, kremlin)).content.decode()
    assert f'<option value="{white_house.pk}v1">The White House, readout, version 1 seen 18 March 2025</option>' in html

"""The forms of a readout's citation (readouts/citations.py), from plain values: no database."""

import datetime
import json
from types import SimpleNamespace

import pytest

from readouts import citations
from readouts.citations import CitedWork

ACCESSED = datetime.date(2026, 11, 25)
URL = "https://readouts.example/r/12/"


def work(**changes):
    values = {
        "authors": ("The White House",),
        "title": "Trump–Putin telephone call",
        "date": datetime.date(2025, 3, 18),
        "end_date": None,
        "container": "Readouts",
        "url": URL,
        "accessed": ACCESSED,
        "key": "readouts-12",
    }
    return CitedWork(**{**values, **changes})


def statement(issuer_name, organization=None):
    return SimpleNamespace(
        issuer_name=issuer_name,
        issuer=organization and SimpleNamespace(name=organization),
        issuer_id=organization and 1,
    )


# Authors -----------------------------------------------------------------------------------


def test_authors_are_the_issuers_in_order_each_once_by_their_organizations_name():
    statements = [
        statement("The White House (readout posted by the Press Secretary)", organization="The White House"),
        statement("Kremlin (Press Service of the President of Russia)", organization="Kremlin"),
        statement("the white house"),
        statement("UNN (Ukrainian National News)"),
        statement("The White House", organization="The White House"),
    ]
    assert citations.issuer_names(statements) == ["The White House", "Kremlin", "UNN (Ukrainian National News)"]


def test_without_statements_the_archive_is_the_author():
    readout = SimpleNamespace(
        pk=7, title="A call", date=datetime.date(2025, 1, 2), end_date=None, statements=SimpleNamespace(all=list)
    )
    cited = citations.cited_work(readout, url=URL, accessed=ACCESSED, site_name="Readouts")
    assert cited.authors == ("Readouts",)
    assert cited.author_is_container


# Chicago -----------------------------------------------------------------------------------


def test_chicago_bibliography_entry_of_a_web_page():
    assert citations.plain_text(citations.chicago(work())) == (
        "The White House. “Trump–Putin telephone call.” Readouts, March 18, 2025. "
        "Accessed November 25, 2026. https://readouts.example/r/12/."
    )


@pytest.mark.parametrize(
    "authors, expected",
    [
        (("Kremlin", "The White House"), "Kremlin and The White House."),
        (("A", "B", "C"), "A, B, and C."),
        (("U.S. Department of State",), "U.S. Department of State."),
        (tuple(f"Body {n}" for n in range(1, 12)), "Body 1, Body 2, Body 3, Body 4, Body 5, Body 6, Body 7, et al."),
    ],
)
def test_chicago_lists_authors_as_the_manual_does(authors, expected):
    assert citations.plain_text(citations.chicago(work(authors=authors))).startswith(f"{expected} “")


def test_chicago_does_not_name_the_archive_twice_when_it_stands_in_for_the_author():
    text = citations.plain_text(citations.chicago(work(authors=("Readouts",))))
    assert text.startswith("Readouts. “Trump–Putin telephone call.” March 18, 2025. Accessed")


def test_chicago_adds_no_period_after_a_question():
    assert "“Who called whom?” Readouts" in citations.plain_text(citations.chicago(work(title="Who called whom?")))


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (datetime.date(2025, 3, 18), None, "March 18, 2025"),
        (datetime.date(2025, 3, 18), datetime.date(2025, 3, 19), "March 18–19, 2025"),
        (datetime.date(2025, 3, 31), datetime.date(2025, 4, 2), "March 31–April 2, 2025"),
        (datetime.date(2024, 12, 31), datetime.date(2025, 1, 2), "December 31, 2024–January 2, 2025"),
    ],
)
def test_dates_of_engagements_over_several_days(start, end, expected):
    assert citations.us_date_range(start, end) == expected
    assert f" {expected}. Accessed" in citations.plain_text(citations.chicago(work(date=start, end_date=end)))


# APA ---------------------------------------------------------------------------------------


def test_apa_reference_of_a_web_page_with_the_title_in_italics():
    segments = citations.apa(work(authors=("Kremlin", "The White House")))
    assert citations.plain_text(segments) == (
        "Kremlin, & The White House. (2025, March 18). Trump–Putin telephone call. Readouts. "
        "Retrieved November 25, 2026, from https://readouts.example/r/12/"
    )
    assert [text for text, italic in segments if italic] == ["Trump–Putin telephone call"]
    assert str(citations.segments_html(segments)).count("<i>Trump–Putin telephone call</i>.") == 1


def test_apa_dates_and_the_archive_as_author():
    text = citations.plain_text(
        citations.apa(work(authors=("Readouts",), date=datetime.date(2025, 3, 31), end_date=datetime.date(2025, 4, 2)))
    )
    assert text == (
        "Readouts. (2025, March 31–April 2). Trump–Putin telephone call. "
        "Retrieved November 25, 2026, from https://readouts.example/r/12/"
    )


def test_apa_lists_twenty_authors_then_an_ellipsis_and_the_last():
    names = tuple(f"Body {n}" for n in range(1, 23))
    text = citations.plain_text(citations.apa(work(authors=names)))
    assert text.startswith("Body 1, Body 2, ")
    assert "Body 19, . . . Body 22. (2025" in text
    assert "Body 20," not in text


def test_citation_html_escapes_the_text_it_prints():
    html = str(citations.segments_html(citations.apa(work(title='<b>"Bold" & co</b>', authors=("A&B",)))))
    assert "<b>" not in html
    assert "<i>&lt;b&gt;&quot;Bold&quot; &amp; co&lt;/b&gt;</i>" in html
    assert html.startswith("A&amp;B.")


# BibTeX ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("{ } % & # _ $", r"\{ \} \% \& \# \_ \$"),
        ("a\\b", r"a\textbackslash{}b"),
        ("~^", r"\textasciitilde{}\textasciicircum{}"),
        ("Two\n\nlines  and\ttabs", "Two lines and tabs"),
        ("Зеленський–Трамп", "Зеленський–Трамп"),
    ],
)
def test_bibtex_escapes_what_latex_would_read_as_commands(text, expected):
    assert citations.bibtex_escape(text) == expected


def test_bibtex_entry():
    entry = citations.bibtex(work(authors=("Kremlin", "Office of the President of Ukraine")))
    assert entry == (
        "@misc{readouts-12,\n"
        "  author = {{Kremlin} and {Office of the President of Ukraine}},\n"
        "  title = {{Trump–Putin telephone call}},\n"
        "  howpublished = {Readouts},\n"
        "  year = {2025},\n"
        "  month = mar,\n"
        "  date = {2025-03-18},\n"
        "  url = {https://readouts.example/r/12/},\n"
        "  urldate = {2026-11-25},\n"
        "}"
    )


def test_bibtex_keeps_names_whole_and_hostile_text_inside_its_field():
    entry = citations.bibtex(
        work(
            authors=("Ministry of Trade and Industry", "AT&T_{x}"),
            title="50% of {everything}} \\end{document} #1",
            end_date=datetime.date(2025, 3, 19),
        )
    )
    assert "  author = {{Ministry of Trade and Industry} and {AT\\&T\\_\\{x\\}}},\n" in entry
    assert "  title = {{50\\% of \\{everything\\}\\} \\textbackslash{}end\\{document\\} \\#1}},\n" in entry
    assert "  date = {2025-03-18/2025-03-19},\n" in entry
    # Every field's braces balance once escaped braces are set aside.
    for line in entry.splitlines()[1:-1]:
        unescaped = line.replace("\\{", "").replace("\\}", "")
        assert unescaped.count("{") == unescaped.count("}"), line


# Metadata ----------------------------------------------------------------------------------


def test_highwire_dates_are_year_month_day_with_slashes():
    assert citations.highwire_date(datetime.date(2025, 3, 8)) == "2025/03/08"


def test_preview_text_is_one_line_cut_at_a_word():
    assert citations._preview_text("One\n\ntwo") == "One two"
    cut = citations._preview_text("word " * 100)
    assert len(cut) <= 301 and cut.endswith("word…")


def test_json_ld_script_cannot_be_closed_by_the_text_it_carries():
    hostile = '</script><script>alert("x")</script><!-- & -->'
    script = str(citations.json_ld_script({"name": hostile}))
    assert script.startswith('<script type="application/ld+json">')
    assert script.count("</script>") == 1 and script.endswith("</script>")
    assert "<!--" not in script
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": hostile}

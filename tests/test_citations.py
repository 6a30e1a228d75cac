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


def statement(issuer_name, organization=None, is_official=True, joint=()):
    return SimpleNamespace(
        issuer_name=issuer_name,
        issuer=organization and SimpleNamespace(name=organization),
        issuer_id=organization and 1,
        is_official=is_official,
        joint_issuers=SimpleNamespace(all=lambda: [SimpleNamespace(name=name) for name in joint]),
    )


def readout_with(*statements):
    return SimpleNamespace(
        pk=7, title="A call", date=datetime.date(2025, 1, 2), end_date=None, statements=SimpleNamespace(all=lambda: list(statements))
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


def test_a_joint_statement_is_by_every_government_that_issued_it():
    statements = [
        statement("Governments of the United States and Ukraine (released by the US Department of State)",
                  organization="US Department of State", joint=("United States", "Ukraine")),
        statement("President of Ukraine", organization="Ukraine"),
    ]
    assert citations.issuer_names(statements) == ["United States", "Ukraine"]


def test_without_statements_the_archive_is_the_author():
    cited = citations.cited_work(readout_with(), url=URL, accessed=ACCESSED, site_name="Readouts")
    assert cited.authors == ("Readouts",)
    assert cited.author_is_container
    assert cited.description == ""


def test_the_media_that_carried_or_reported_a_statement_are_not_its_authors():
    readout = readout_with(
        statement("UNN (Ukrainian National News)", organization="UNN (Ukrainian National News)", is_official=False),
        statement("Governments of the United States and Ukraine", organization="United States"),
    )
    cited = citations.cited_work(readout, url=URL, accessed=ACCESSED, site_name="Readouts")
    assert (cited.authors, cited.description) == (("United States",), "")


def test_a_readout_known_only_from_media_reports_is_an_unsigned_work_that_says_so():
    readout = readout_with(statement("White House officials (unnamed)", organization="The White House", is_official=False))
    cited = citations.cited_work(readout, url=URL, accessed=ACCESSED, site_name="Readouts")
    assert cited.authors == ()
    assert cited.description == "Unsigned; known from media reports, no official statement"
    # Chicago and APA both put the title first (CMOS 14.207; APA 7, 9.12).
    assert citations.plain_text(citations.chicago(cited)) == (
        "“A call.” Unsigned; known from media reports, no official statement. Readouts, January 2, 2025. "
        "Accessed November 25, 2026. https://readouts.example/r/12/."
    )
    segments = citations.apa(cited)
    assert citations.plain_text(segments) == (
        "A call [Unsigned; known from media reports, no official statement]. (2025, January 2). Readouts. "
        "Retrieved November 25, 2026, from https://readouts.example/r/12/"
    )
    assert segments[0] == ("A call", True)
    entry = citations.bibtex(cited)
    assert "author" not in entry
    assert "  note = {Unsigned; known from media reports, no official statement},\n" in entry
    assert citations.highwire_tags(cited, SimpleNamespace(topics=SimpleNamespace(all=list)), URL)[:2] == [
        ("citation_title", "A call"), ("citation_publication_date", "2025/01/02")
    ]


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


# One text of a changed statement ----------------------------------------------------------


def text(number, is_current=False, seen_on=None, title="", date_issued=datetime.date(2025, 3, 18)):
    """A statement_texts.Version of a White House readout whose first text was seen on 18 March."""
    statement = SimpleNamespace(
        pk=34,
        title=title,
        issuer_name="The White House (Press Secretary)",
        issuer=SimpleNamespace(name="The White House"),
        issuer_id=1,
        joint_issuers=SimpleNamespace(all=list),
        date_issued=date_issued,
        get_kind_display=lambda: "Readout",
        versions=SimpleNamespace(all=lambda: [SimpleNamespace(seen_on=datetime.date(2025, 3, 18))]),
    )
    anchor = "s34" if is_current else f"s34-v{number}"
    return SimpleNamespace(statement=statement, number=number, is_current=is_current, seen_on=seen_on, anchor=anchor)


def cited(version):
    readout = SimpleNamespace(pk=12, title="Trump–Putin telephone call", date=datetime.date(2025, 3, 17))
    return citations.cited_version(readout, version, permanent_url=URL, accessed=ACCESSED, site_name="Readouts")


@pytest.mark.parametrize(
    "version, label",
    [
        (text(1, seen_on=datetime.date(2025, 3, 18)), "Version 1, as first published"),
        (text(2, seen_on=datetime.date(2025, 3, 19)), "Version 2, as changed by its publisher"),
        (
            text(3, is_current=True, seen_on=datetime.date(2025, 3, 20)),
            "Version 3 (current), as changed by its publisher",
        ),
    ],
)
def test_a_version_is_labelled_by_its_number_and_how_it_came_to_be(version, label):
    assert cited(version).description == label


def test_a_version_is_the_issuers_text_at_its_anchor_under_a_key_of_its_own():
    first, current = cited(text(1)), cited(text(3, is_current=True, seen_on=datetime.date(2025, 3, 20)))
    assert first.authors == ("The White House",)
    assert first.title == "Readout: Trump–Putin telephone call"
    assert (first.url, current.url) == (f"{URL}#s34-v1", f"{URL}#s34")
    assert (first.key, current.key) == ("readouts-12-s34-v1", "readouts-12-s34-v3")
    # First published on the statement's date of issue; a changed text modified when it was seen.
    assert (first.date, first.modified) == (datetime.date(2025, 3, 18), None)
    assert (current.date, current.modified) == (datetime.date(2025, 3, 18), datetime.date(2025, 3, 20))
    assert cited(text(1, title="Statement on the call")).title == "Statement on the call"


def test_an_undated_statement_is_published_when_its_first_text_was_seen():
    assert cited(text(2, seen_on=datetime.date(2025, 3, 19), date_issued=None)).date == datetime.date(2025, 3, 18)


def version_work(**changes):
    values = {"description": "Version 2, as changed by its publisher", "modified": datetime.date(2025, 3, 20)}
    return work(**{**values, **changes})


def test_chicago_gives_the_version_after_the_title_and_the_change_as_last_modified():
    assert citations.plain_text(citations.chicago(version_work())) == (
        "The White House. “Trump–Putin telephone call.” Version 2, as changed by its publisher. "
        "Readouts, March 18, 2025. Last modified March 20, 2025. Accessed November 25, 2026. "
        "https://readouts.example/r/12/."
    )
    first = version_work(description="Version 1, as first published", modified=None)
    first = citations.plain_text(citations.chicago(first))
    assert "call.” Version 1, as first published. Readouts, March 18, 2025. Accessed " in first


def test_apa_dates_a_changed_text_by_its_change_and_describes_it_in_brackets():
    segments = citations.apa(version_work(title="Who called whom?"))
    assert citations.plain_text(segments) == (
        "The White House. (2025, March 20). Who called whom? [Version 2, as changed by its publisher]. "
        "Readouts. Retrieved November 25, 2026, from https://readouts.example/r/12/"
    )
    assert [text for text, italic in segments if italic] == ["Who called whom?"]


def test_bibtex_of_a_changed_text_dates_it_by_its_change_and_its_first_publication():
    entry = citations.bibtex(version_work(key="readouts-12-s34-v2", url=f"{URL}#s34-v2"))
    assert entry == (
        "@misc{readouts-12-s34-v2,\n"
        "  author = {{The White House}},\n"
        "  title = {{Trump–Putin telephone call}},\n"
        "  howpublished = {Readouts},\n"
        "  note = {Version 2, as changed by its publisher},\n"
        "  year = {2025},\n"
        "  month = mar,\n"
        "  date = {2025-03-20},\n"
        "  origdate = {2025-03-18},\n"
        "  url = {https://readouts.example/r/12/#s34-v2},\n"
        "  urldate = {2026-11-25},\n"
        "}"
    )


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

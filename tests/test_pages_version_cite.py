"""Each text of a statement its publisher changed is cited on the readout page at its own anchor:
Chicago, APA and BibTeX, as a reader without JavaScript sees them."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from readouts.models import Statement
from tests.factories import make_editor, make_organization, make_readout, make_source, make_statement, make_version

pytestmark = pytest.mark.django_db

MARCH_18 = datetime.date(2025, 3, 18)


def cite_blocks(page):
    """Each "Cite this version" block: (its summary, its three forms' texts by id)."""
    blocks = []
    for match in re.finditer(r'<details class="cite-version">\s*<summary>(.*?)</summary>(.*?)</details>', page, re.S):
        found = re.findall(r'<(p|pre) class="cite__text[^"]*" id="([^"]+)"[^>]*>(.*?)</\1>', match.group(2), re.S)
        forms = {element_id: html.unescape(re.sub(r"<[^>]+>", "", text)) for _tag, element_id, text in found}
        blocks.append((match.group(1), forms))
    return blocks


def accessed_today():
    today = timezone.localdate()
    return f"{today:%B} {today.day}, {today.year}"


@pytest.fixture
def changed_twice():
    """A White House readout first published on 18 March, changed on 19 and again on 20 March."""
    readout = make_readout(title="Trump–Putin telephone call", slug="trump-putin", date=MARCH_18)
    statement = make_statement(
        readout,
        issuer=make_organization(name="The White House", kind="government_body"),
        issuer_name="The White House (readout posted by the Press Secretary)",
        text="The leaders spoke.\n\nThey agreed on a pause.",
    )
    make_version(statement, text="The leaders spoke.\n\nThey agreed on a pause. And more.", seen_on=MARCH_18)
    make_version(
        statement,
        text="The leaders spoke.\n\nThey agreed on a pause. And less.",
        seen_on=datetime.date(2025, 3, 19),
        source=make_source(name="whitehouse.gov"),
    )
    Statement.objects.filter(pk=statement.pk).update(text_seen_on=datetime.date(2025, 3, 20))
    return readout, statement


def test_each_text_of_a_changed_statement_is_cited_at_its_own_anchor(client, changed_twice):
    readout, statement = changed_twice
    page = client.get(readout.get_absolute_url()).content.decode()
    permanent = "http://testserver" + reverse("readouts:readout_short", args=[readout.pk])
    accessed = accessed_today()
    s = statement.anchor
    blocks = cite_blocks(page)
    summaries = [summary for summary, _ in blocks]
    assert summaries == ["Cite this version", "Cite this version", "Cite the current text (version 3)"]
    (_, first), (_, second), (_, current) = blocks

    assert first[f"cite-{s}-v1-chicago"] == (
        "The White House. “Readout: Trump–Putin telephone call.” Version 1, as first published. "
        f"Readouts, March 18, 2025. Accessed {accessed}. {permanent}#{s}-v1."
    )
    assert first[f"cite-{s}-v1-apa"] == (
        "The White House. (2025, March 18). Readout: Trump–Putin telephone call [Version 1, as first published]. "
        f"Readouts. Retrieved {accessed}, from {permanent}#{s}-v1"
    )
    # A changed text: first published on the statement's date, last modified when the change was seen.
    assert second[f"cite-{s}-v2-chicago"] == (
        "The White House. “Readout: Trump–Putin telephone call.” Version 2, as changed by its publisher. "
        f"Readouts, March 18, 2025. Last modified March 19, 2025. Accessed {accessed}. {permanent}#{s}-v2."
    )
    assert second[f"cite-{s}-v2-apa"].startswith(
        "The White House. (2025, March 19). Readout: Trump–Putin telephone call "
        "[Version 2, as changed by its publisher]. Readouts. "
    )
    # The current text is cited as version 3: the anchor it keeps once the publisher changes it again.
    assert current[f"cite-{s}-v3-chicago"] == (
        "The White House. “Readout: Trump–Putin telephone call.” "
        "Version 3 (current), as changed by its publisher. "
        f"Readouts, March 18, 2025. Last modified March 20, 2025. Accessed {accessed}. {permanent}#{s}-v3."
    )
    assert current[f"cite-{s}-v3-apa"].endswith(f"Retrieved {accessed}, from {permanent}#{s}-v3")

    bibtex = current[f"cite-{s}-v3-bibtex"]
    assert bibtex.startswith(f"@misc{{readouts-{readout.pk}-s{statement.pk}-v3,\n")
    assert "  note = {Version 3 (current), as changed by its publisher},\n" in bibtex
    assert "  date = {2025-03-20},\n  origdate = {2025-03-18},\n" in bibtex
    assert f"  url = {{{permanent}#{s}-v3}},\n" in bibtex
    keys = re.findall(r"@misc\{([^,]+),", page)
    assert len(keys) == len(set(keys)) == 4  # three texts and the readout

    # Each anchor cited is on the page, and the permanent address leads to it.
    for anchor in (f"{s}-v1", f"{s}-v2", f"{s}-v3"):
        assert f'id="{anchor}"' in page
    assert client.get(permanent).headers["Location"] == readout.get_absolute_url()
    # Each earlier text's citation sits inside that text's own element.
    earlier = page[page.index(f'<details class="statement__earlier" id="{s}-v2">') :]
    assert earlier.index(f'id="cite-{s}-v2-chicago"') < earlier.index(f'id="cite-{s}-v3-chicago"')


def test_a_version_is_cited_at_the_permanent_address_not_the_pages(client, changed_twice):
    readout, statement = changed_twice
    readout.slug = "renamed"
    readout.save()
    page = client.get(readout.get_absolute_url()).content.decode()
    (_, first), _second, _current = cite_blocks(page)
    for text in first.values():
        assert f"http://testserver/r/{readout.pk}/#{statement.anchor}-v1" in text
        assert "renamed" not in text


def test_a_statement_never_changed_is_cited_by_the_readouts_citation_alone(client, changed_twice):
    readout, _changed = changed_twice
    unchanged = make_statement(readout, issuer_name="Kremlin", text="Only text.")
    page = client.get(readout.get_absolute_url()).content.decode()
    assert len(cite_blocks(page)) == 3
    article = page[page.index(f'<article class="statement" id="{unchanged.anchor}"') :]
    assert "cite-version" not in article[: article.index("</article>")]

    alone = make_readout(slug="unchanged")
    make_statement(alone, text="Only text.")
    page = client.get(alone.get_absolute_url()).content.decode()
    assert "cite-version" not in page and "Cite this version" not in page
    assert 'id="cite-chicago"' in page


def test_hostile_text_is_escaped_in_every_form_of_a_version_citation(client):
    hostile = '"Quoted" </script><b>bold</b> & co_{x}%'
    readout = make_readout(title=f"Call {hostile}", slug="hostile")
    statement = make_statement(
        readout,
        issuer=make_organization(name=f"Issuer {hostile}"),
        issuer_name="X",
        title=f"Title {hostile}",
        text="Now.",
    )
    make_version(statement, text="Then.")
    Statement.objects.filter(pk=statement.pk).update(text_seen_on=readout.date)
    page = client.get(readout.get_absolute_url()).content.decode()
    assert "<b>bold</b>" not in page
    (_, forms), _current = cite_blocks(page)
    s = statement.anchor
    assert forms[f"cite-{s}-v1-chicago"].startswith(f"Issuer {hostile}. “Title {hostile}.” Version 1")
    assert forms[f"cite-{s}-v1-apa"].startswith(f"Issuer {hostile}. (2025, March 19). Title {hostile} [Version 1")
    assert f"<i>Title {html.escape(hostile)}</i> [Version 1" in page
    bibtex = forms[f"cite-{s}-v1-bibtex"]
    assert '  title = {{Title "Quoted" </script><b>bold</b> \\& co\\_\\{x\\}\\%}},\n' in bibtex
    assert '  author = {{Issuer "Quoted" </script><b>bold</b> \\& co\\_\\{x\\}\\%}},\n' in bibtex
    # Every field's braces balance once escaped braces are set aside.
    for line in bibtex.splitlines()[1:-1]:
        unescaped = line.replace("\\{", "").replace("\\}", "")
        assert unescaped.count("{") == unescaped.count("}"), line


def test_the_editors_preview_cites_no_version(client, changed_twice):
    readout, _statement = changed_twice
    client.force_login(make_editor())
    page = client.get(reverse("readouts:readout_preview", args=[readout.pk])).content.decode()
    assert 'class="statement__earlier"' in page  # the earlier texts are shown
    assert "cite-version" not in page and "Cite this version" not in page


def test_citing_versions_adds_no_query(client, changed_twice):
    """The page runs as many queries with three cited texts as the same page whose statement
    has none (tests/test_query_counts.py pins the number itself)."""
    readout, statement = changed_twice
    with CaptureQueriesContext(connection) as with_versions:
        assert len(cite_blocks(client.get(readout.get_absolute_url()).content.decode())) == 3
    statement.versions.all().delete()
    Statement.objects.filter(pk=statement.pk).update(text_seen_on=None)
    with CaptureQueriesContext(connection) as without:
        assert cite_blocks(client.get(readout.get_absolute_url()).content.decode()) == []
    assert len(with_versions.captured_queries) == len(without.captured_queries)

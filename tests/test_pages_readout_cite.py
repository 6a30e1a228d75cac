"""The readout page's "Cite this readout" section, as a reader without JavaScript sees it."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from tests.factories import make_organization, make_readout, make_statement

pytestmark = pytest.mark.django_db


def cite_section(response):
    page = response.content.decode()
    return page[page.index('<section id="cite"') : page.index("</section>", page.index('<section id="cite"'))]


def form_text(section, element_id):
    """The text a reader selects in one form of the citation (tags removed, entities read)."""
    match = re.search(rf'<(p|pre) [^>]*id="{element_id}"[^>]*>(.*?)</\1>', section, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))


@pytest.fixture
def readout():
    readout = make_readout(title="Trump–Putin telephone call", date=datetime.date(2025, 3, 18))
    white_house = make_organization(name="The White House", kind="government_body")
    kremlin = make_organization(name="Kremlin", kind="government_body")
    make_statement(readout, issuer=white_house, issuer_name="The White House (readout posted by the Press Secretary)")
    make_statement(readout, issuer=kremlin, issuer_name="Kremlin (Press Service of the President of Russia)")
    make_statement(readout, issuer=white_house, issuer_name="The White House", kind="remarks")
    return readout


def test_the_cite_section_gives_chicago_apa_and_bibtex_at_the_permanent_address(client, readout):
    response = client.get(readout.get_absolute_url())
    section = cite_section(response)
    permanent = "http://testserver" + reverse("readouts:readout_short", args=[readout.pk])
    today = timezone.localdate()
    accessed = f"{today:%B} {today.day}, {today.year}"
    assert form_text(section, "cite-chicago") == (
        f"The White House and Kremlin. “Trump–Putin telephone call.” Readouts, March 18, 2025. "
        f"Accessed {accessed}. {permanent}."
    )
    assert form_text(section, "cite-apa") == (
        f"The White House, & Kremlin. (2025, March 18). Trump–Putin telephone call. Readouts. "
        f"Retrieved {accessed}, from {permanent}"
    )
    assert "<i>Trump–Putin telephone call</i>." in section
    bibtex = form_text(section, "cite-bibtex")
    assert bibtex.startswith(f"@misc{{readouts-{readout.pk},\n")
    assert "  author = {{The White House} and {Kremlin}},\n" in bibtex
    assert f"  url = {{{permanent}}},\n" in bibtex
    assert f"  urldate = {{{today.isoformat()}}},\n" in bibtex
    assert f'<a href="{permanent}">{permanent}</a>' in section
    # The permanent address leads to the page.
    assert client.get(permanent).headers["Location"] == readout.get_absolute_url()


def test_bibtex_is_preformatted_and_its_special_characters_escaped(client):
    readout = make_readout(title="Tariffs of 25% & more_{now}")
    make_statement(readout, issuer_name="Ministry of Trade & Industry #1")
    section = cite_section(client.get(readout.get_absolute_url()))
    assert '<pre class="cite__text cite__bibtex" id="cite-bibtex"' in section
    bibtex = form_text(section, "cite-bibtex")
    assert "  title = {{Tariffs of 25\\% \\& more\\_\\{now\\}}},\n" in bibtex
    assert "  author = {{Ministry of Trade \\& Industry \\#1}},\n" in bibtex


def test_a_readout_without_statements_is_cited_as_the_archives(client):
    readout = make_readout(title="A meeting", date=datetime.date(2025, 2, 1))
    section = cite_section(client.get(readout.get_absolute_url()))
    assert form_text(section, "cite-chicago").startswith("Readouts. “A meeting.” February 1, 2025. Accessed ")
    assert form_text(section, "cite-apa").startswith("Readouts. (2025, February 1). A meeting. Retrieved ")
    assert "  author = {{Readouts}},\n" in form_text(section, "cite-bibtex")


def test_the_site_name_is_a_setting(client, settings):
    settings.READOUTS_SITE_NAME = "Diplomatic Readouts Archive"
    readout = make_readout(title="A meeting")
    make_statement(readout, issuer_name="Kremlin")
    response = client.get(readout.get_absolute_url())
    assert "Diplomatic Readouts Archive, March 19, 2025." in form_text(cite_section(response), "cite-chicago")
    assertContains(response, '<meta property="og:site_name" content="Diplomatic Readouts Archive">')


def test_the_copy_script_is_deferred_and_the_buttons_are_its_own(client, readout):
    response = client.get(readout.get_absolute_url())
    assertContains(response, '<script src="/static/js/cite.js" defer></script>', count=1)
    # Without scripts there is no button that would do nothing; the citations are plain text.
    section = cite_section(response)
    assert "<button" not in section
    assert section.count("data-copy=") == 3
    assert 'role="status" aria-live="polite"' in section


def test_the_copy_script_is_served(client, readout):
    from django.contrib.staticfiles import finders

    script = open(finders.find("js/cite.js"), encoding="utf-8").read()
    assert "navigator.clipboard" in script
    assert "Copied the " in script
    assert "selectNodeContents" in script  # the fallback: the text is selected for the reader to copy


def test_hostile_text_is_escaped_in_every_form(client):
    hostile = '"Quoted" </script><b>bold</b> & co'
    readout = make_readout(title=hostile)
    make_statement(readout, issuer=make_organization(name=f"Issuer {hostile}"), issuer_name="X")
    response = client.get(readout.get_absolute_url())
    page = response.content.decode()
    assert "<b>bold</b>" not in page
    section = cite_section(response)
    assert "&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; co" in section
    assert f"Issuer {hostile}. “{hostile}.” Readouts" in form_text(section, "cite-chicago")
    assert f"<i>{html.escape(hostile)}</i>" in section
    assert "{{&quot;Quoted&quot; &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; \\&amp; co}}" in section

"""Cached pages and figures (readouts/caching.py, readouts/middleware.py): an edit shows on the
next request, drafts never come back from the cache, editors and previews are never cached."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from readouts import relations
from readouts.models import ArchiveEdition, Readout

from .factories import (
    make_commitment,
    make_editor,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_update,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]




def test_a_second_visit_is_served_from_the_cache_without_queries(client, django_assert_max_num_queries):
    readout = make_readout(title="Call on grain corridors")
    make_statement(readout)
    first = client.get(readout.get_absolute_url())
    assert first.status_code == 200
    with django_assert_max_num_queries(1):  # at most the edition, once a second
        second = client.get(readout.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content


def test_an_edit_shows_on_the_next_request(client):
    readout = make_readout(title="Call on grain corridors")
    assert "Call on grain corridors" in client.get(readout.get_absolute_url()).text
    readout.title = "Call on Black Sea grain corridors"
    readout.save()
    assert "Call on Black Sea grain corridors" in client.get(readout.get_absolute_url()).text


def test_a_statement_added_to_a_readout_shows_on_the_next_request(client):
    readout = make_readout()
    client.get(readout.get_absolute_url())
    make_statement(readout, text="Both sides agreed to meet again in Geneva.")
    assert "agreed to meet again in Geneva" in client.get(readout.get_absolute_url()).text


def test_an_unpublished_readout_is_gone_from_every_cached_page(client):
    readout = make_readout(title="Call soon withdrawn")
    pages = [readout.get_absolute_url(), "/", "/readouts/", "/readouts/2025/03/"]
    for page in pages:
        assert "Call soon withdrawn" in client.get(page).text
    readout.status = Readout.Status.DRAFT
    readout.save()
    assert client.get(readout.get_absolute_url()).status_code == 404
    for page in pages[1:]:
        assert "Call soon withdrawn" not in client.get(page).text


def test_the_list_count_follows_the_archive(client, settings):
    settings.READOUTS_PAGE_CACHE = False  # the count itself is a figure, cached per edition
    make_readout(title="First call", date=datetime.date(2025, 3, 1))
    assert client.get("/readouts/").context["page"].paginator.count == 1
    second = make_readout(title="Second call", date=datetime.date(2025, 3, 2))
    assert client.get("/readouts/").context["page"].paginator.count == 2
    second.status = Readout.Status.DRAFT
    second.save()
    response = client.get("/readouts/")
    assert response.context["page"].paginator.count == 1
    assert "1 readout" in response.text and "Second call" not in response.text


def test_home_page_figures_follow_the_archive(client):
    person = make_person(name="Ada Diplomat")
    assert "Ada Diplomat" not in client.get("/").text
    make_participant(make_readout(), person=person)
    assert "Ada Diplomat" in client.get("/").text


def test_each_address_and_query_string_is_cached_on_its_own(client):
    make_readout(title="Talks in Ankara", date=datetime.date(2024, 5, 1))
    make_readout(title="Talks in Doha", date=datetime.date(2025, 5, 1))
    assert "Talks in Doha" in client.get("/readouts/", {"date_after": "2025-01-01"}).text
    only_2024 = client.get("/readouts/", {"date_before": "2024-12-31"}).text
    assert "Talks in Ankara" in only_2024 and "Talks in Doha" not in only_2024


def test_editors_always_get_a_fresh_page(client):
    readout = make_readout()
    client.force_login(make_editor())
    client.get(readout.get_absolute_url())
    assert not pages()


def test_previews_errors_and_bad_input_are_not_cached(client):
    draft = make_readout(status=Readout.Status.DRAFT)
    client.get(f"/preview/readouts/{draft.pk}/")
    client.get("/readouts/?date_after=abc")
    client.get("/no-such-page/")
    assert not pages()
    client.get("/readouts/")
    assert len(pages()) == 1  # what a reader's good request stores, to show the test could fail


def test_the_edition_moves_with_every_kind_of_change():
    before = ArchiveEdition.current()
    readout = make_readout()  # a save and two m2m sets
    person = make_person()
    make_participant(readout, person=person)
    after_saves = ArchiveEdition.current()
    assert after_saves > before
    readout.delete()
    assert ArchiveEdition.current() > after_saves


def test_a_search_index_rebuild_moves_the_edition():
    before = ArchiveEdition.current()
    call_command("rebuild_derived", verbosity=0)
    assert ArchiveEdition.current() > before


def test_filter_options_follow_the_archive_and_mark_the_choice(client):
    make_readout(organizations=[make_organization(name="Atlantis", slug="atlantis")])
    assert '<option value="atlantis">Atlantis</option>' in client.get("/readouts/").text
    make_readout(organizations=[make_organization(name="Borduria", slug="borduria")])
    page = client.get("/readouts/", {"organization": "borduria"}).text
    assert '<option value="borduria" selected>Borduria</option>' in page
    assert '<option value="atlantis">Atlantis</option>' in page


def pages():
    """The keys of the pages in the cache (their addresses are hashed)."""
    return [key for key in cache._cache if ":readouts:page:" in key]


def test_a_pairs_later_views_render_only_its_page_of_engagements(client, settings, django_assert_num_queries):
    """The timeline and the lists by side are rendered once: a later view, of any page, reads
    only the pair, its version, its page of engagements and their tags."""
    settings.READOUTS_PAGE_CACHE = False  # the fragments, not the whole page
    a, b = make_organization(name="Aland", slug="aland"), make_organization(name="Borduria", slug="borduria")
    for day in range(1, 4):
        readout = make_readout(organizations=[a, b], title=f"Call {day}", date=datetime.date(2025, 3, day))
        make_statement(readout, issuer=a, title=f"Statement after call {day}")
    url = relations.url(a, b)
    first = client.get(url)
    with django_assert_num_queries(6):  # the two slugs, the pair's version, the page's readouts
        second = client.get(url)
    assert second.content == first.content
    assert "Statement after call 3" in second.text and second.text.count('class="chart__mark"') == 3


def _pair_of_countries():
    a, b = make_organization(name="Aland", slug="aland"), make_organization(name="Borduria", slug="borduria")
    readout = make_readout(organizations=[a, b], title="Call on the border", date=datetime.date(2025, 3, 1))
    return a, b, readout


def test_an_edit_elsewhere_leaves_a_pairs_figures_and_lists_be(client, settings, django_assert_num_queries):
    """Kept under the pair's version, not the edition: an edit to a readout of neither side
    moves the edition, and the pair's page is not computed again."""
    settings.READOUTS_PAGE_CACHE = False
    a, b, _ = _pair_of_countries()
    elsewhere = make_readout(organizations=[make_organization(name="Carpania")], title="Call elsewhere")
    url = relations.url(a, b)
    first = client.get(url)
    edition = ArchiveEdition.read()[0]
    elsewhere.title = "Call elsewhere, renamed"
    elsewhere.save()
    assert ArchiveEdition.read()[0] > edition
    # A later view's six, the new edition (read again after this process's edit) and the
    # organizations' tree (read once per edition: filters.bodies_within); no figure, no list.
    with django_assert_num_queries(8):
        again = client.get(url)
    assert again.content == first.content


def test_what_changes_a_pairs_page_shows_on_it_at_once(client, settings):
    """Each of these rewrites the pair's counterpart rows (derived.py), so its version moves."""
    settings.READOUTS_PAGE_CACHE = False
    a, b, readout = _pair_of_countries()
    envoy = make_person(name="Anna Envoy", slug="anna-envoy")
    make_participant(readout, envoy, represented=a)
    commitment = make_commitment(readout, actor_label="Aland")
    commitment.actor_organizations.set([a])
    make_readout(organizations=[a, b], title="Second call", date=datetime.date(2025, 3, 2))
    url = relations.url(a, b)
    assert "Anna Envoy" in client.get(url).text

    envoy.name = "Anna Envoy-Smith"
    envoy.save()
    assert "Anna Envoy-Smith" in client.get(url).text

    make_update(commitment, status="fulfilled")
    assert '<tr><th scope="row">Kept</th><td>1</td></tr>' in client.get(url).text

    b.name = "Borduria Republic"
    b.save()
    assert "By Borduria Republic" in client.get(url).text

    readout.status = Readout.Status.DRAFT
    readout.save()
    html = client.get(url).text
    assert "Second call" in html and "Call on the border" not in html


def test_a_pairs_first_and_later_views_list_the_same_page_of_engagements(client, settings):
    """A first view pages the ids its figures read; a later view asks the index for one page."""
    settings.READOUTS_PAGE_CACHE, settings.READOUTS_PER_PAGE = False, 2
    a, b = make_organization(name="Aland", slug="aland"), make_organization(name="Borduria", slug="borduria")
    for day in range(1, 6):
        make_readout(organizations=[a, b], title=f"Call {day}", date=datetime.date(2025, 3, day))
    make_readout(organizations=[a], title="Call without Borduria", date=datetime.date(2025, 3, 4))
    url = relations.url(a, b) + "?page=2"
    first = client.get(url)
    assert first.content == client.get(url).content
    listed = re.findall(r"Call \d", first.text.split('id="engagements"')[1])
    assert listed[:2] == ["Call 3", "Call 2"]


def test_a_statement_added_to_a_pairs_readout_shows_on_its_page_at_once(client, settings):
    settings.READOUTS_PAGE_CACHE = False
    a, b = make_organization(name="Aland", slug="aland"), make_organization(name="Borduria", slug="borduria")
    readout = make_readout(organizations=[a, b], title="Call on the border")
    assert "None in these engagements." in client.get(relations.url(a, b)).text
    make_statement(readout, issuer=b, title="Borduria's account of the call")
    html = client.get(relations.url(a, b)).text
    assert "Borduria&#x27;s account of the call" in html
    assert "<dt>Statements by Borduria</dt><dd>1</dd>" in html

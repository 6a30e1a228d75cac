"""CSV downloads of the filtered readout list and commitment list: the same rows as the pages,
all of them, streamed, opened safely by spreadsheets."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from readouts.downloads import views
from readouts.models import Readout
from tests.factories import (
    build_sized_archive,
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db

READOUTS_CSV = reverse("downloads:readouts_csv")
COMMITMENTS_CSV = reverse("downloads:commitments_csv")
HOST = "http://testserver"


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return response, list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_readouts_csv_has_a_row_per_readout_with_the_columns_spreadsheets_want(client):
    country = make_organization(name="Ukraine")
    theme = make_topic(name="Air defence")
    readout = make_readout(
        title="Trump–Zelenskyy call", date=datetime.date(2025, 3, 19), location="Washington, D.C.",
        topics=[theme], organizations=[country],
    )
    make_participant(readout, make_person(name="Donald Trump"), title="President of the United States")
    make_participant(readout, make_person(name="Володимир Зеленський"), title="")
    make_participant(readout, make_person(name="Marco Rubio"), title="", role="issuer", role_note="joint statement")
    make_participant(readout, make_person(name="Vladimir Putin"), title="", role="mentioned")
    make_statement(readout)
    make_statement(readout)
    response, rows = download(client, READOUTS_CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="readouts-{today}.csv"'
    assert rows == [
        {
            "id": str(readout.pk),
            "date": "2025-03-19",
            "end_date": "",
            "title": "Trump–Zelenskyy call",
            "format": "Phone call",
            "location": "Washington, D.C.",
            "summary": readout.summary,
            "participants": "Donald Trump (President of the United States) [Principal]; Володимир Зеленський [Principal]",
            "issuers": "Marco Rubio [Issuer of a statement (joint statement)]",
            "mentioned": "Vladimir Putin [Mentioned]",
            "organizations": "Ukraine",
            "topics": "Air defence",
            "statements": "2",
            "permanent_url": f"{HOST}/r/{readout.pk}/",
            "url": HOST + readout.get_absolute_url(),
        }
    ]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"person": "the-person"},
        {"organization": "the-country", "format": "phone_call"},
        {"topic": "the-topic"},
        {"statement_kind": "readout", "date_after": "2025-02-01", "date_before": "2025-04-30"},
    ],
)
def test_readouts_csv_rows_are_the_filtered_lists_rows_all_of_them(client, settings, params):
    settings.READOUTS_PER_PAGE = 2
    readouts = build_sized_archive(6)
    make_readout(title="Not the person's", date=datetime.date(2025, 3, 3), format="meeting")
    Readout.objects.filter(pk=readouts[1].pk).update(format="meeting")
    _, rows = download(client, READOUTS_CSV, **params)
    # The list paginates the readouts' ids (views/paging.py), in the list's order.
    listed = client.get(reverse("readouts:readout_list"), params).context["page"].paginator.object_list
    titles = dict(Readout.objects.values_list("pk", "title"))
    assert [row["title"] for row in rows] == [titles[pk] for pk in listed]
    assert len(rows) > settings.READOUTS_PER_PAGE or params


def test_commitments_csv_has_the_commitments_with_their_latest_update(client):
    readout = make_readout(title="Talks in Jeddah", date=datetime.date(2025, 3, 11))
    commitment = make_commitment(
        readout, actor_people=[make_person(name="Marco Rubio")], description="Resume intelligence sharing.",
        actor_label="United States", due_date=datetime.date(2025, 3, 31),
    )
    make_update(commitment, date=datetime.date(2025, 3, 12), status="in_progress", note="Partly resumed.")
    make_update(commitment, date=datetime.date(2025, 3, 20), status="fulfilled", note="Fully resumed.")
    make_update(commitment, date=None, status="stalled", note="Undated rumour.")
    make_commitment(readout, description="Nothing yet.")
    make_commitment(make_readout(status=Readout.Status.DRAFT), description="A draft's promise.")
    response, rows = download(client, COMMITMENTS_CSV)
    assert response["Content-Disposition"].startswith('attachment; filename="commitments-')
    assert [row["description"] for row in rows] == ["Resume intelligence sharing.", "Nothing yet."]
    first = rows[0]
    assert (first["actor"], first["actor_people"], first["due_date"], first["status"]) == (
        "United States", "Marco Rubio", "2025-03-31", "Fulfilled"
    )
    assert (first["latest_update_date"], first["latest_update_status"], first["latest_update_note"]) == (
        "2025-03-20", "Fulfilled", "Fully resumed."
    )
    assert (first["readout_date"], first["readout_title"], first["readout_url"]) == (
        "2025-03-11", "Talks in Jeddah", HOST + readout.get_absolute_url()
    )
    assert first["url"] == HOST + commitment.get_absolute_url()
    assert rows[1]["latest_update_date"] == rows[1]["latest_update_status"] == ""
    _, open_rows = download(client, COMMITMENTS_CSV, status="open")
    assert [row["description"] for row in open_rows] == ["Nothing yet."]


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"])
def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(client, dangerous):
    readout = make_readout(title=dangerous, location=dangerous)
    make_participant(readout, make_person(name=dangerous), title="")
    make_commitment(readout, actor_label=dangerous, description=dangerous)
    _, [row] = download(client, READOUTS_CSV)
    assert row["title"] == row["location"] == "'" + dangerous
    assert row["participants"] == f"'{dangerous} [Principal]"
    _, [row] = download(client, COMMITMENTS_CSV)
    assert row["actor"] == row["description"] == "'" + dangerous


def test_harmless_cells_are_left_as_they_are(client):
    make_readout(title='A "quoted", comma title', location="Line one\nline two")
    _, [row] = download(client, READOUTS_CSV)
    assert (row["title"], row["location"]) == ('A "quoted", comma title', "Line one\nline two")


@pytest.mark.parametrize(
    "url, params, message",
    [
        (READOUTS_CSV, {"date_after": "2025-03-10", "date_before": "2025-03-01"}, "Until: The end of the range"),
        (READOUTS_CSV, {"person": "nobody"}, "Person: No one in the archive is called “nobody”"),
        (READOUTS_CSV, {"format": "pigeon"}, "Format: Select a valid choice"),
        (READOUTS_CSV, {"date_after": "yesterday"}, "From: Enter a valid date"),
        (COMMITMENTS_CSV, {"status": "done-ish"}, "Status: Select a valid choice"),
    ],
)
def test_invalid_filters_are_a_400_with_the_message(client, url, params, message):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assertContains(response, message, status_code=400)


def test_drafts_are_never_in_a_csv(client):
    topic = make_topic(slug="t")
    draft = make_readout(title="DRAFTONLY call", status=Readout.Status.DRAFT, topics=[topic])
    make_commitment(draft, description="DRAFTONLY promise")
    make_readout(title="Published call", topics=[topic])
    for params in [{}, {"topic": "t"}]:
        _, rows = download(client, READOUTS_CSV, **params)
        assert [row["title"] for row in rows] == ["Published call"]
    _, rows = download(client, COMMITMENTS_CSV)
    assert rows == []


def test_rows_are_read_in_chunks_and_all_written(client, monkeypatch):
    monkeypatch.setattr(views, "CHUNK_SIZE", 2)
    for day in range(1, 8):
        make_commitment(make_readout(date=datetime.date(2025, 3, day)))
    assert len(download(client, READOUTS_CSV)[1]) == 7
    assert len(download(client, COMMITMENTS_CSV)[1]) == 7


@pytest.mark.parametrize("size", [3, 12])
def test_downloads_run_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    build_sized_archive(size)
    # The person, organization and topic look-ups; readouts; participants, organizations, topics.
    with django_assert_num_queries(7):
        download(client, READOUTS_CSV, person="the-person", organization="the-country", topic="the-topic")
    # Commitments; actor people, actor organizations, updates.
    with django_assert_num_queries(4):
        download(client, COMMITMENTS_CSV)


def test_list_pages_link_to_the_download_with_their_filters(client):
    make_participant(make_readout(), make_person(slug="the-person"))
    make_commitment(make_readout())
    response = client.get(reverse("readouts:readout_list"), {"person": "the-person", "format": "", "page": "1"})
    assertContains(response, f'<a href="{READOUTS_CSV}?person=the-person" download>Download CSV</a>')
    response = client.get(reverse("readouts:readout_list"))
    assertContains(response, f'<a href="{READOUTS_CSV}" download>Download CSV</a>')
    response = client.get(reverse("readouts:commitment_list"), {"status": "open"})
    assertContains(response, f'<a href="{COMMITMENTS_CSV}?status=open" download>Download CSV</a>')


@pytest.mark.parametrize("url", [READOUTS_CSV, COMMITMENTS_CSV])
def test_the_file_name_is_the_sites_whatever_the_query_says(client, url):
    make_readout()
    response = client.get(url, {"q": 'x";filename=evil.html\r\n', "filename": "evil.html", "name": "\x00"})
    assert response.status_code == 200
    assert re.fullmatch(r'attachment; filename="(readouts|commitments)-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"])


# A search's readouts.


def search_titles(client, **params):
    """The titles the search page lists, in its order (one page: the archive is small)."""
    html = client.get(reverse("readouts:search"), params).text
    return re.findall(r'<h3 class="readout-item__title"><a href="[^"]*">([^<]*)</a></h3>', html)


@pytest.fixture
def searchable():
    ukraine = make_organization(name="Ukraine", slug="ukraine")
    zelenskyy = make_person(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy", alternate_names="Zelensky")
    for day, title, summary, organizations in (
        (3, "Call on grain exports", "The grain corridor and ceasefire talks.", [ukraine]),
        (5, "Ceasefire talks in Jeddah", "A ceasefire of thirty days, ceasefire monitoring, ceasefire.", []),
        (7, "Meeting on energy", "Strikes on energy infrastructure; a ceasefire was mentioned.", [ukraine]),
        (9, "Summit on trade", "Tariffs only.", [ukraine]),
    ):
        readout = make_readout(title=title, summary=summary, date=datetime.date(2025, 3, day), organizations=organizations)
        make_participant(readout, zelenskyy)
    make_readout(title="Draft on the ceasefire", summary="ceasefire", status=Readout.Status.DRAFT)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ceasefire"},
        {"q": "ceasefire", "order": "date"},
        {"q": "ceasefire", "organization": "ukraine"},
        {"q": "Zelensky -trade"},  # another spelling of a name, and a word left out
        {"q": '"energy infrastructure"'},
        {"q": "nowhere"},
    ],
)
def test_the_csv_of_a_search_holds_what_the_search_page_found_in_its_order(client, searchable, params):
    _, rows = download(client, READOUTS_CSV, **params)
    assert [row["title"] for row in rows] == search_titles(client, **params)
    assert len(rows) >= 1 or params["q"] == "nowhere"
    assert "Draft on the ceasefire" not in [row["title"] for row in rows]


def test_the_search_page_links_its_csv(client, searchable):
    html = client.get(reverse("readouts:search"), {"q": "ceasefire", "organization": "ukraine"}).text
    link = re.search(r'<a href="([^"]*)" download>Download CSV</a> of these 2 readouts, in this order', html)
    assert link and link.group(1) == f"{READOUTS_CSV}?q=ceasefire&amp;organization=ukraine"


@pytest.mark.parametrize("q", ["!!!", "-trade", '""'])
def test_a_search_with_nothing_to_search_for_is_a_400_that_says_so(client, searchable, q):
    response = client.get(READOUTS_CSV, {"q": q})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "There is nothing to search for in" in response.content.decode()

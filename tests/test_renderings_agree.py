"""Every rendering of a readout states who took part, in what part and with what caveat, as its
page does, and names as authors only those who issued its official statements. Checked for
every readout of the sample archive (real readouts, real names): the page is read as a reader
sees it, then the CSV, the JSON-LD, the Atom feed, the API and the citation are compared with it.
"""

import csv
import io

import feedparser
import lxml.html
import pytest
from django.core.management import call_command
from django.urls import reverse

from readouts import citations
from readouts.models import Readout
from tests.factories import make_organization, make_readout, make_statement
from tests.test_pages_readout_metadata import MetaTags, extract

pytestmark = pytest.mark.django_db

NOT_TAKING_PART = ("Issuer of a statement", "Mentioned")


@pytest.fixture
def sample():
    call_command("loaddata", "fixtures/sample_archive.json", verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw
    readouts = list(Readout.objects.published().order_by("date", "pk"))
    assert len(readouts) == 8
    return readouts


def text(element):
    return " ".join(element.text_content().split())


def page_people(html):
    """(name, title, part, organization) of each person the page lists, in its order."""
    people = []
    for item in lxml.html.fromstring(html).xpath('//li[@class="participant"]'):
        (name,) = item.xpath('.//a[@class="participant__name"]')
        title = item.xpath('.//span[@class="participant__title"]')
        part, _, organization = text(item.xpath('.//span[@class="participant__role"]')[0]).partition(" · for ")
        people.append((text(name), text(title[0]).removeprefix(", ") if title else "", part, organization))
    return people


def takes_part(part):
    return not part.startswith(NOT_TAKING_PART)


def csv_entry(name, title, part):
    return f"{name} ({title}) [{part}]" if title else f"{name} [{part}]"


def test_every_rendering_states_the_pages_participants_with_their_parts(client, sample):
    body = b"".join(client.get(reverse("downloads:readouts_csv")).streaming_content).decode("utf-8-sig")
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(body, newline=""))}
    feed = feedparser.parse(client.get(reverse("syndication:readouts_atom")).content)
    entries = {entry.link: entry.content[0].value for entry in feed.entries}
    seen = {"caveat": 0, "issuer": 0, "mentioned": 0}
    for readout in sample:
        response = client.get(readout.get_absolute_url())
        html = response.content.decode()
        people = page_people(html)
        assert people, readout
        seen["caveat"] += sum("(reported" in part or "thanked" in part for _, _, part, _ in people)
        seen["issuer"] += sum(part.startswith("Issuer") for _, _, part, _ in people)
        seen["mentioned"] += sum(part.startswith("Mentioned") for _, _, part, _ in people)

        # CSV: those who took part, the issuers and the mentioned, each with the page's part.
        row = rows[readout.pk]
        columns = {"participants": [], "issuers": [], "mentioned": []}
        for name, title, part, _ in people:
            column = "issuers" if part.startswith("Issuer") else "mentioned" if part == "Mentioned" else "participants"
            columns[column].append(csv_entry(name, title, part))
        assert {column: row[column] for column in columns} == {k: "; ".join(v) for k, v in columns.items()}, readout

        # JSON-LD: only those who took part attend, each in a Role named as the page names it.
        (event,) = extract(response)["json-ld"]
        attendees = [
            (role["attendee"]["name"], role["attendee"].get("jobTitle", ""), role["roleName"],
             role["attendee"].get("affiliation", {}).get("name", ""))
            for role in event.get("attendee", [])
        ]
        assert attendees == [person for person in people if takes_part(person[2])], readout

        # Atom: every person, as the page lists them.
        content = lxml.html.fromstring(entries["http://testserver" + readout.get_absolute_url()])
        listed = [text(item) for item in content.xpath("//li")]
        expected = [
            f"{name}{', ' + title if title else ''} · {part}{' · for ' + org if org else ''}"
            for name, title, part, org in people
        ]
        assert listed == expected, readout

        # API: the same parts, and whether each took part.
        detail = client.get(f"/api/readouts/{readout.pk}/").json()
        assert [
            (p["person"]["name"], p["title"], p["role_text"], (p["represented"] or {}).get("name", ""), p["takes_part"])
            for p in detail["participants"]
        ] == [(*person, takes_part(person[2])) for person in people], readout

        # Each person's page lists the readout with their part as this page states it.
        for participant, (_, _, part, _) in zip(readout.participants.all(), people):
            listing = lxml.html.fromstring(client.get(participant.person.get_absolute_url()).content)
            (item,) = listing.xpath(f'//article[.//a[@href="{readout.get_absolute_url()}"]]')
            assert part in text(item.xpath('.//p[@class="readout-item__role"]')[0]), (readout, participant)
    # The sample holds each case the renderings must keep apart.
    assert seen["caveat"] >= 2 and seen["issuer"] >= 5


def test_citations_name_only_the_issuers_of_official_statements(client, sample):
    for readout in sample:
        response = client.get(readout.get_absolute_url())
        statements = client.get(f"/api/readouts/{readout.pk}/").json()["statements"]
        authors = list(dict.fromkeys(
            name
            for s in statements if s["is_official"]
            for name in [o["name"] for o in s["joint_issuers"]] or [(s["issuer"] or {}).get("name") or s["issuer_name"]]
        ))
        assert MetaTags(response.content.decode()).all("citation_author") == authors, readout
        chicago = text(lxml.html.fromstring(response.content).xpath('//*[@id="cite-chicago"]')[0])
        assert chicago.startswith(f"{citations.chicago_authors(authors)}. “"), readout


def test_the_news_outlet_that_carried_a_statement_is_not_an_author(client, sample):
    """The 19 March 2025 call: UNN carried the joint statement; the White House's own officials,
    quoted unnamed by the press, are a media report too (28 February)."""
    call = next(r for r in sample if r.date.isoformat() == "2025-03-19")
    authors = MetaTags(client.get(call.get_absolute_url()).content.decode()).all("citation_author")
    assert "UNN (Ukrainian National News)" not in authors
    assert authors == ["United States", "Ukraine", "The White House"]
    meeting = next(r for r in sample if r.date.isoformat() == "2025-02-28")
    assert MetaTags(client.get(meeting.get_absolute_url()).content.decode()).all("citation_author") == [
        "United States", "Ukraine"
    ]


def test_what_a_news_organization_issued_or_a_media_report_is_not_official(client):
    outlet = make_organization(name="UNN (Ukrainian National News)", kind="media")
    white_house = make_organization(name="The White House", kind="government_body")
    readout = make_readout(title="A call only the press reported")
    carried = make_statement(readout, kind="statement", issuer=outlet, issuer_name="UNN")
    reported = make_statement(readout, kind="media_report", issuer=white_house, issuer_name="White House officials")
    assert not carried.is_official and not reported.is_official
    assert make_statement(readout, kind="remarks", issuer=white_house).is_official
    readout.statements.filter(kind="remarks").delete()

    html = client.get(readout.get_absolute_url()).content.decode()
    assert MetaTags(html).all("citation_author") == []
    chicago = text(lxml.html.fromstring(html).xpath('//*[@id="cite-chicago"]')[0])
    assert chicago.startswith("“A call only the press reported.” Unsigned; known from media reports, no official statement.")


def test_a_media_report_of_officials_words_is_written_by_the_outlets_that_carried_it(client, sample):
    """28 February 2025: what unnamed White House officials told the press is a report by the
    outlets the archive read it in, not a White House text; UNN's own report is UNN's."""
    meeting = next(r for r in sample if r.date.isoformat() == "2025-02-28")
    (event,) = extract(client.get(meeting.get_absolute_url()))["json-ld"]
    (report,) = [item for item in event["subjectOf"] if item["genre"] == "Media report"]
    assert report["author"] == [
        {"@type": "Organization", "name": "Euromaidan Press"},
        {"@type": "Organization", "name": "Ukrainska Pravda (citing Reuters)"},
    ]
    call = next(r for r in sample if r.date.isoformat() == "2025-03-19")
    (event,) = extract(client.get(call.get_absolute_url()))["json-ld"]
    (report,) = [item for item in event["subjectOf"] if item["genre"] == "Media report"]
    assert report["author"]["name"] == "UNN (Ukrainian National News)"


def test_a_joint_statement_is_issued_by_both_governments_everywhere(client, sample):
    """11 March 2025: 'Governments of the United States and Ukraine (released by the US
    Department of State, Office of the Spokesperson)'."""
    jeddah = next(r for r in sample if r.date.isoformat() == "2025-03-11")
    response = client.get(jeddah.get_absolute_url())
    html = lxml.html.fromstring(response.content)
    joint = [text(p) for p in html.xpath('//p[@class="statement__meta"]') if text(p).startswith("Issued jointly")]
    # In the order of their names (the statement's own words, above, keep its order).
    assert joint == ["Issued jointly by Ukraine and United States"]
    assert MetaTags(response.content.decode()).all("citation_author")[:2] == ["Ukraine", "United States"]
    (event,) = extract(response)["json-ld"]
    (statement,) = [item for item in event["subjectOf"] if item["genre"] == "Joint statement"]
    assert [author["name"] for author in statement["author"]] == ["Ukraine", "United States"]
    assert statement["publisher"]["name"] == "US Department of State"
    (api,) = [s for s in client.get(f"/api/readouts/{jeddah.pk}/").json()["statements"] if s["kind"] == "joint_statement"]
    assert [o["name"] for o in api["joint_issuers"]] == ["Ukraine", "United States"]
    assert api["issuer"]["name"] == "US Department of State"

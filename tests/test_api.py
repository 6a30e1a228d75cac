"""The open JSON API (/api/): what each endpoint answers, its filters, search and pages, its
errors, and a fixed number of queries per endpoint whatever the archive's size."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from readouts.models import Readout
from readouts.search.index import rebuild
from tests.factories import (
    build_sized_archive,
    make_commitment,
    make_discrepancy,
    make_link,
    make_organization,
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_source,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db

READOUTS = reverse("api:readout-list")
COMMITMENTS = reverse("api:commitment-list")
HOST = "http://testserver"


def get(client, url, expect=200, **params):
    response = client.get(url, params)
    assert response.status_code == expect, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def titles(answer):
    return [item["title"] for item in answer["results"]]


def page_titles(client, url, **params):
    """The titles a public list page shows for the same filters."""
    response = client.get(url, params)
    assert response.status_code == 200
    return [readout.title for readout in response.context["page"]]


def test_root_names_every_list_and_the_schema(client):
    answer = get(client, reverse("api:root"))
    assert answer == {
        "readouts": HOST + READOUTS,
        "people": HOST + reverse("api:person-list"),
        "organizations": HOST + reverse("api:organization-list"),
        "topics": HOST + reverse("api:topic-list"),
        "commitments": HOST + COMMITMENTS,
        "schema": HOST + reverse("api:schema"),
    }


def test_readout_list_items_have_principals_topics_statement_count_and_links(client):
    person = make_person(name="Volodymyr Zelenskyy")
    topic = make_topic(name="Air defence")
    readout = make_readout(title="Call on air defence", topics=[topic])
    make_participant(readout, person, title="President of Ukraine")
    make_participant(readout, role="delegation_member")
    make_statement(readout)
    make_statement(readout)
    [item] = get(client, READOUTS)["results"]
    assert item["id"] == readout.pk
    assert item["title"] == "Call on air defence"
    assert item["date"] == "2025-03-19"
    assert item["format"] == "phone_call"
    assert item["statement_count"] == 2
    assert item["principals"] == [
        {
            "person": {
                "id": person.pk,
                "slug": person.slug,
                "name": "Volodymyr Zelenskyy",
                "url": HOST + reverse("api:person-detail", args=[person.pk]),
                "html_url": HOST + person.get_absolute_url(),
            },
            "role": "principal",
            "title": "President of Ukraine",
        }
    ]
    assert [t["name"] for t in item["topics"]] == ["Air defence"]
    assert item["url"] == HOST + reverse("api:readout-detail", args=[readout.pk])
    assert item["html_url"] == HOST + readout.get_absolute_url()
    assert item["permanent_url"] == f"{HOST}/r/{readout.pk}/"
    # The public page the list links to exists.
    assert client.get(item["html_url"]).status_code == 200


def test_readout_detail_nests_everything_the_page_shows(client):
    country = make_organization(name="Ukraine")
    person = make_person(name="Andrii Yermak")
    readout = make_readout(title="Talks in Jeddah", organizations=[country], location="Jeddah")
    make_participant(readout, person, role="delegation_member", title="Head of the Office of the President",
                     represented=country)
    source = make_source(name="UNN")
    statement = make_statement(readout, issuer=country, speakers=[person], sources=[source], text="One.\n\nTwo.")
    make_quote(statement, text="We are on track.", speaker=person)
    make_discrepancy(readout, subject="Prisoners", versions=[("23 wounded", statement), ("22 handed over", None)])
    commitment = make_commitment(readout, actor_people=[person], statement=statement, description="Meet again.")
    later = make_readout(title="Later talks", date=datetime.date(2025, 3, 25))
    make_update(commitment, evidence=later, status="fulfilled", date=later.date)
    make_link(later, readout, kind="follows_up")

    answer = get(client, reverse("api:readout-detail", args=[readout.pk]))
    assert answer["title"] == "Talks in Jeddah"
    assert answer["location"] == "Jeddah"
    [participant] = answer["participants"]
    assert participant["person"]["name"] == "Andrii Yermak"
    assert participant["title"] == "Head of the Office of the President"
    assert participant["role"] == "delegation_member"
    assert participant["represented"]["name"] == "Ukraine"
    assert [o["slug"] for o in answer["organizations"]] == [country.slug]
    [s] = answer["statements"]
    assert answer["statement_count"] == 1
    assert s["is_verbatim"] is True and s["text"] == "One.\n\nTwo."
    assert s["issuer"]["name"] == "Ukraine"
    assert [p["name"] for p in s["speakers"]] == ["Andrii Yermak"]
    assert s["sources"][0]["name"] == "UNN"
    assert s["quotes"] == [
        {"text": "We are on track.", "speaker": answer["participants"][0]["person"], "speaker_label": "", "sources": []}
    ]
    [discrepancy] = answer["discrepancies"]
    assert discrepancy["subject"] == "Prisoners"
    assert [(v["says"], v["statement"]) for v in discrepancy["versions"]] == [
        ("23 wounded", statement.pk), ("22 handed over", None)
    ]
    [c] = answer["commitments"]
    assert c["description"] == "Meet again." and c["status"] == "fulfilled" and c["statement"] == statement.pk
    assert c["url"] == HOST + reverse("api:commitment-detail", args=[commitment.pk])
    assert [(u["status"], u["evidence"]["title"]) for u in c["updates"]] == [("fulfilled", "Later talks")]
    assert [(link["kind"], link["readout"]["title"]) for link in answer["links_in"]] == [("follows_up", "Later talks")]
    assert answer["links_out"] == []


def test_other_objects_have_their_details_and_counts(client):
    country = make_organization(name="Ukraine", slug="ukraine", alternate_names="Україна")
    body = make_organization(name="Office of the President", kind="government_body", parent=country)
    person = make_person(name="Volodymyr Zelenskyy", organization=country, alternate_names="Zelensky\nZelenskiy")
    theme = make_topic(name="Air defence")
    sub = make_topic(name="Patriot", parent=theme)
    readout = make_readout(topics=[sub], organizations=[country])
    make_participant(readout, person, represented=body)
    make_readout(status=Readout.Status.DRAFT, topics=[theme], organizations=[country])

    p = get(client, reverse("api:person-detail", args=[person.pk]))
    assert p["alternate_names"] == ["Zelensky", "Zelenskiy"]
    assert p["organization"]["slug"] == "ukraine"
    assert p["readout_count"] == 1
    assert p["readouts"] == f"{HOST}{READOUTS}?person={person.slug}"
    assert get(client, p["readouts"])["count"] == 1

    o = get(client, reverse("api:organization-detail", args=[body.pk]))
    assert (o["kind"], o["parent"]["slug"], o["readout_count"]) == ("government_body", "ukraine", 1)
    assert get(client, reverse("api:organization-detail", args=[country.pk]))["alternate_names"] == ["Україна"]
    # The parent topic counts its subtopics' readouts, as on its page (the draft counts for nobody).
    t = get(client, reverse("api:topic-detail", args=[theme.pk]))
    assert (t["readout_count"], t["parent"]) == (1, None)
    assert get(client, reverse("api:topic-detail", args=[sub.pk]))["parent"]["name"] == "Air defence"

    kinds = get(client, reverse("api:organization-list"), kind="government_body")
    assert [(o["name"], o["readout_count"]) for o in kinds["results"]] == [("Office of the President", 1)]
    topics = get(client, reverse("api:topic-list"))
    assert [(t["name"], t["readout_count"]) for t in topics["results"]] == [("Air defence", 1), ("Patriot", 1)]


def test_commitments_list_filters_as_the_page_does(client):
    readout = make_readout()
    announced = make_commitment(readout, description="Announced one")
    done = make_commitment(readout, description="Fulfilled one")
    make_update(done, status="fulfilled")
    make_commitment(make_readout(status=Readout.Status.DRAFT), description="Draft one")
    everything = get(client, COMMITMENTS)
    assert {c["description"] for c in everything["results"]} == {"Announced one", "Fulfilled one"}
    assert everything["results"][0]["readout"]["id"] == readout.pk
    for status, expected in [("open", ["Announced one"]), ("fulfilled", ["Fulfilled one"]), ("stalled", [])]:
        answer = get(client, COMMITMENTS, status=status)
        assert [c["description"] for c in answer["results"]] == expected
        page = client.get(reverse("readouts:commitment_list"), {"status": status}).context["page"]
        assert [c.description for c in page] == expected
    assert get(client, reverse("api:commitment-detail", args=[announced.pk]))["status"] == "announced"


def test_readout_filters_list_what_the_page_lists(client):
    person = make_person(slug="the-person")
    country = make_organization(slug="the-country")
    theme = make_topic(slug="the-topic")
    for n in range(6):
        readout = make_readout(
            title=f"Readout {n}",
            date=datetime.date(2025, 1 + n, 10),
            format="meeting" if n % 2 else "phone_call",
            topics=[theme] if n % 3 == 0 else [],
            organizations=[country] if n < 4 else [],
        )
        if n > 1:
            make_participant(readout, person)
        make_statement(readout, kind="joint_statement" if n in (2, 3) else "readout")
    for params in [
        {},
        {"person": "the-person"},
        {"organization": "the-country"},
        {"topic": "the-topic"},
        {"format": "meeting"},
        {"statement_kind": "joint_statement"},
        {"date_after": "2025-02-01", "date_before": "2025-04-30"},
        {"person": "the-person", "organization": "the-country", "format": "phone_call"},
    ]:
        assert titles(get(client, READOUTS, **params)) == page_titles(client, reverse("readouts:readout_list"), **params)


def test_search_finds_what_the_search_page_finds(client):
    make_readout(title="Talks in Riyadh")
    make_statement(make_readout(title="Statement text"), text="Both sides discussed Riyadh ports.")
    make_readout(title="Elsewhere", format="meeting")
    person = make_person(name="Volodymyr Zelenskyy", alternate_names="Zelensky")
    make_participant(make_readout(title="With Zelenskyy", format="meeting"), person)
    rebuild()
    for params in [{"q": "riyadh"}, {"q": "Zelensky"}, {"q": "riyadh", "format": "phone_call"}, {"q": "riyadh -ports"}]:
        expected = page_titles(client, reverse("readouts:search"), **params)
        assert expected
        assert titles(get(client, READOUTS, **params)) == expected
    assert titles(get(client, READOUTS, q="riyadh", ordering="title")) == ["Statement text", "Talks in Riyadh"]


def test_ordering(client):
    make_readout(title="B", date=datetime.date(2025, 1, 1))
    make_readout(title="A", date=datetime.date(2025, 2, 1))
    make_readout(title="C", date=datetime.date(2025, 3, 1))
    assert titles(get(client, READOUTS)) == ["C", "A", "B"]
    assert titles(get(client, READOUTS, ordering="date")) == ["B", "A", "C"]
    assert titles(get(client, READOUTS, ordering="title")) == ["A", "B", "C"]
    assert titles(get(client, READOUTS, ordering="-title")) == ["C", "B", "A"]


def test_pages_link_to_each_other_and_a_missing_page_is_a_json_404(client):
    for day in range(1, 6):
        make_readout(date=datetime.date(2025, 3, day))
    first = get(client, READOUTS, page_size=2)
    assert first["count"] == 5 and first["previous"] is None and len(first["results"]) == 2
    second = get(client, first["next"])
    assert second["previous"].startswith(HOST + READOUTS)
    third = get(client, second["next"])
    assert third["next"] is None and len(third["results"]) == 1
    seen = [r["id"] for answer in (first, second, third) for r in answer["results"]]
    assert len(set(seen)) == 5
    for page in ["4", "0", "-1", "abc", "99999999999999999999999"]:
        assert "detail" in get(client, READOUTS, expect=404, page=page, page_size=2)


def test_page_size_is_capped_and_checked(client, settings):
    settings.READOUTS_PER_PAGE = 2
    for day in range(1, 4):
        make_readout(date=datetime.date(2025, 3, day))
    assert len(get(client, READOUTS)["results"]) == 2
    assert len(get(client, READOUTS, page_size=1000)["results"]) == 3
    for bad in ["0", "-3", "x", "１"]:
        assert "page_size" in get(client, READOUTS, expect=400, page_size=bad)


@pytest.mark.parametrize(
    "params, field",
    [
        ({"date_after": "2025-13-01"}, "date_after"),
        ({"date_after": "2025-03-10", "date_before": "2025-03-01"}, "date_before"),
        ({"person": "nobody"}, "person"),
        ({"person": "bad slug\x00"}, "person"),
        ({"organization": "nowhere"}, "organization"),
        ({"topic": "no-topic"}, "topic"),
        ({"format": "carrier-pigeon"}, "format"),
        ({"statement_kind": "tweet"}, "statement_kind"),
        ({"ordering": "id"}, "ordering"),
        ({"q": "the of"}, "q"),
        ({"q": "!!!"}, "q"),
    ],
)
def test_an_invalid_filter_is_a_400_naming_the_field(client, params, field):
    make_readout()
    answer = get(client, READOUTS, expect=400, **params)
    assert list(answer) == [field] and answer[field]


def test_invalid_commitment_and_organization_filters_are_400(client):
    assert "status" in get(client, COMMITMENTS, expect=400, status="whatever")
    assert "kind" in get(client, reverse("api:organization-list"), expect=400, kind="planet")
    assert "kind" in get(client, reverse("api:topic-list"), expect=400, kind="planet")


@pytest.mark.parametrize("key", ["0", "999999", "abc", "1.5", "99999999999999999999999", "-1"])
@pytest.mark.parametrize("name", ["readout", "person", "organization", "topic", "commitment"])
def test_a_missing_object_is_a_json_404(client, name, key):
    get(client, f"/api/{name if name == 'person' else name + 's'}/{key}/".replace("persons", "people"), expect=404)


def test_an_unknown_address_under_api_is_a_json_404(client):
    assert get(client, "/api/nothing/here/", expect=404) == {"detail": "Not found."}


def test_the_api_is_read_only(client):
    readout = make_readout()
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(reverse("api:readout-detail", args=[readout.pk]), {}, content_type="application/json")
        assert response.status_code == 405
    assert client.post(READOUTS, {}, content_type="application/json").status_code == 405
    assert Readout.objects.filter(pk=readout.pk).exists()


# A fixed number of queries whatever the archive's size.


def endpoints(readouts):
    middle = readouts[len(readouts) // 2]
    person = middle.participants.first().person
    return {
        "readouts": READOUTS,
        "readouts_filtered": READOUTS
        + "?person=the-person&organization=the-country&topic=the-topic&format=phone_call&statement_kind=readout"
        "&date_after=2025-01-01&date_before=2025-12-31&ordering=title",
        "readouts_searched": READOUTS + "?q=summer&format=phone_call",
        "readout": reverse("api:readout-detail", args=[middle.pk]),
        "people": reverse("api:person-list"),
        "person": reverse("api:person-detail", args=[person.pk]),
        "organizations": reverse("api:organization-list"),
        "organization": reverse("api:organization-detail", args=[middle.organizations.first().pk]),
        "topics": reverse("api:topic-list"),
        "topic": reverse("api:topic-detail", args=[middle.topics.first().pk]),
        "commitments": COMMITMENTS + "?status=open",
        "commitment": reverse("api:commitment-detail", args=[readouts[0].commitments.first().pk]),
    }


QUERIES = {
    # count, page, principals, topics
    "readouts": 4,
    # ... and one look-up each for the chosen person, organization and topic
    "readouts_filtered": 7,
    # with the search: the other spellings of its words; count, page, principals, topics
    "readouts_searched": 5,
    # readout (with its country); participants and their sources, organizations, sources, topics;
    # statements, their joint issuers, speakers, sources, topics, quotes and the quotes' sources; discrepancies,
    # their versions and their sources; commitments, their actor people, actor organizations,
    # sources, updates and their sources; links out and in; the statements' earlier texts and
    # translations, with their sources (joined)
    "readout": 26,
    # count, page, their readout counts
    "people": 3,
    "person": 2,
    # count, page, their readout counts
    "organizations": 3,
    "organization": 2,
    "topics": 3,
    "topic": 2,
    # count, page; actor people, actor organizations, sources, updates and their sources
    "commitments": 7,
    "commitment": 6,
}


@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize("name", QUERIES)
def test_endpoint_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size, name):
    readouts = build_sized_archive(size)
    Readout.objects.filter(pk__in=[r.pk for r in readouts[::2]]).update(summary="A summer call.")
    rebuild()
    url = endpoints(readouts)[name]
    queries = QUERIES[name]
    if name == "readouts_searched" and connection.vendor == "postgresql":
        # search.planned(): SET LOCAL enable_seqscan in a transaction (a savepoint and its release
        # here, inside the test's transaction; in production BEGIN and COMMIT are not queries).
        queries += 3
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    answer = response.json()
    if "results" in answer:
        assert answer["results"]

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from tests.factories import (
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

DRAFT = Readout.Status.DRAFT


def test_readout_page_shows_its_facts(client):
    readout = make_readout(
        title="Trump–Putin telephone call",
        date=datetime.date(2025, 3, 18),
        end_date=datetime.date(2025, 3, 19),
        time=datetime.time(10, 0),
        time_zone="ET",
        format="phone_call",
        location="Oval Office, Washington",
        duration="about two hours",
        summary="The presidents discussed an energy ceasefire.",
    )
    response = client.get(readout.get_absolute_url())
    for text in ("Trump–Putin telephone call", "18–19 March 2025", "10:00", "(ET)", "Phone call",
                 "Oval Office, Washington", "about two hours", "The presidents discussed an energy ceasefire."):
        assertContains(response, text)
    assertContains(response, f'href="{reverse("readouts:month_archive", args=[2025, 3])}"')
    assertContains(response, f'href="{reverse("readouts:year_archive", args=[2025])}"')


def test_participants_link_to_people_and_whom_they_represented(client):
    readout = make_readout()
    rubio = make_person(name="Marco Rubio")
    united_states = make_organization(name="United States")
    make_participant(readout, rubio, title="Secretary of State", role="delegation_member", represented=united_states)
    response = client.get(readout.get_absolute_url())
    assertContains(response, f'href="{rubio.get_absolute_url()}"')
    assertContains(response, "Secretary of State")
    assertContains(response, "Delegation member")
    assertContains(response, f'href="{united_states.get_absolute_url()}"')


def test_organizations_and_topics_are_links_with_places_apart(client):
    nato = make_organization(name="NATO", kind="international")
    theme = make_topic(name="Air defence")
    place = make_topic(name="Kursk", kind="place")
    readout = make_readout(organizations=[nato], topics=[theme, place])
    response = client.get(readout.get_absolute_url())
    assertContains(response, f'href="{nato.get_absolute_url()}"')
    assert response.context["themes"] == [theme]
    assert response.context["places"] == [place]
    assertContains(response, "Places discussed")
    assertContains(response, f'href="{place.get_absolute_url()}"')


def test_a_statement_shows_its_provenance(client):
    readout = make_readout()
    white_house = make_organization(name="The White House", kind="government_body")
    leavitt = make_person(name="Karoline Leavitt")
    source = make_source(name="UNN", url="https://unn.example/news/1")
    statement = make_statement(
        readout,
        kind="remarks",
        kind_note="press briefing",
        issuer=white_house,
        issuer_name="White House press office",
        speakers=[leavitt],
        sources=[source],
        date_issued=None,
        date_note="the evening of the call",
        language="ru",
        text="First paragraph.\n\nSecond paragraph.",
        cites="State Department website",
        official_url="https://www.whitehouse.example/briefing",
        note="Read out at the briefing.",
    )
    response = client.get(readout.get_absolute_url())
    assertContains(response, f'id="{statement.anchor}"')
    assertContains(response, f'href="{white_house.get_absolute_url()}">White House press office</a>', html=False)
    assertContains(response, f'href="{leavitt.get_absolute_url()}"')
    for text in ("Remarks", "press briefing", "the evening of the call", "Russian", "Verbatim text",
                 "State Department website", "Read out at the briefing."):
        assertContains(response, text)
    assertContains(response, '<a href="https://unn.example/news/1" rel="noopener noreferrer external">UNN</a>', html=True)
    assertContains(response, 'href="https://www.whitehouse.example/briefing" rel="noopener noreferrer external"')


def test_each_paragraph_has_an_anchor_and_a_visible_link_to_it(client):
    readout = make_readout()
    statement = make_statement(readout, text="One.\n\nTwo.")
    response = client.get(readout.get_absolute_url())
    for n in (1, 2):
        assertContains(response, f'<p id="s{statement.pk}-p{n}">')
        assertContains(response, f'href="#s{statement.pk}-p{n}"')
    assertContains(response, "¶")


def test_a_summary_is_labelled_as_the_editors_not_verbatim(client):
    readout = make_readout()
    make_statement(readout, summary="They discussed a ceasefire.")
    response = client.get(readout.get_absolute_url())
    assertContains(response, "Editor’s summary")
    assertNotContains(response, "Verbatim text")


def test_quotes_name_their_speaker(client):
    readout = make_readout()
    trump = make_person(name="Donald J. Trump")
    statement = make_statement(readout)
    make_quote(statement, text="We are very much on track", speaker=trump)
    make_quote(statement, text="Energy infrastructure", speaker_label="Kremlin readout")
    response = client.get(readout.get_absolute_url())
    assertContains(response, "<blockquote><p>We are very much on track</p></blockquote>", html=True)
    assertContains(response, f'href="{trump.get_absolute_url()}"')
    assertContains(response, "Kremlin readout")


def test_discrepancies_show_each_version_with_its_statement_and_sources(client):
    readout = make_readout()
    white_house = make_statement(readout, issuer_name="The White House")
    kremlin = make_statement(readout, issuer_name="The Kremlin")
    discrepancy = make_discrepancy(
        readout,
        subject="What the ceasefire covers",
        versions=[("energy and infrastructure", white_house), ("energy infrastructure", kremlin)],
    )
    discrepancy.versions.first().sources.add(make_source(name="Reuters", url="https://reuters.example/1"))
    response = client.get(readout.get_absolute_url())
    assertContains(response, "What the ceasefire covers")
    assertContains(response, "energy and infrastructure")
    assertContains(response, "energy infrastructure")
    assertContains(response, f'href="#{white_house.anchor}"')
    assertContains(response, f'href="#{kremlin.anchor}"')
    assertContains(response, 'href="https://reuters.example/1"')


def test_commitments_show_their_status_and_link_to_their_page(client):
    readout = make_readout()
    commitment = make_commitment(readout, description="Technical teams to meet in Riyadh.")
    make_update(commitment, status="fulfilled")
    response = client.get(readout.get_absolute_url())
    assertContains(response, f'href="{commitment.get_absolute_url()}"')
    assertContains(response, '<span class="status status--fulfilled">', html=False)
    assertContains(response, "Fulfilled")


def test_readout_links_in_both_directions_only_to_published_readouts(client):
    readout = make_readout(date=datetime.date(2025, 3, 19))
    earlier = make_readout(title="The day before", date=datetime.date(2025, 3, 18))
    later = make_readout(title="The talks in Riyadh", date=datetime.date(2025, 3, 23))
    hidden_earlier = make_readout(title="Unpublished earlier call", status=DRAFT, date=datetime.date(2025, 3, 17))
    hidden_later = make_readout(title="Unpublished later call", status=DRAFT, date=datetime.date(2025, 3, 24))
    make_link(readout, earlier)
    make_link(readout, hidden_earlier)
    make_link(later, readout)
    make_link(hidden_later, readout)
    response = client.get(readout.get_absolute_url())
    assertContains(response, f'href="{earlier.get_absolute_url()}"')
    assertContains(response, f'href="{later.get_absolute_url()}"')
    assertNotContains(response, "Unpublished")


def test_updates_it_records_on_earlier_commitments_are_shown(client):
    earlier = make_readout(title="The promise", date=datetime.date(2025, 3, 1))
    commitment = make_commitment(earlier, description="Exchange 175 prisoners.")
    evidence = make_readout(date=datetime.date(2025, 3, 20))
    make_update(commitment, evidence=evidence, date=datetime.date(2025, 3, 20), status="fulfilled")
    response = client.get(evidence.get_absolute_url())
    assertContains(response, f'href="{commitment.get_absolute_url()}"')
    assertContains(response, f'href="{earlier.get_absolute_url()}"')


def test_related_readouts_are_published_and_ranked_by_what_they_share(client):
    people = [make_person() for _ in range(3)]
    topic = make_topic()
    readout = make_readout(topics=[topic])
    for person in people:
        make_participant(readout, person)
    most = make_readout(title="Shares everything", topics=[topic])
    some = make_readout(title="Shares one person")
    hidden = make_readout(title="Unpublished sharing everything", status=DRAFT, topics=[topic])
    for person in people:
        make_participant(most, person)
        make_participant(hidden, person)
    make_participant(some, people[0])
    make_readout(title="Shares nothing")
    response = client.get(readout.get_absolute_url())
    related = list(response.context["related"])
    assert [(r.title, r.shared) for r in related] == [("Shares everything", 4), ("Shares one person", 1)]
    assertContains(response, f'href="{most.get_absolute_url()}"')
    assertNotContains(response, "Unpublished sharing everything")
    assertNotContains(response, "Shares nothing")


def test_previous_and_next_skip_drafts(client):
    first = make_readout(title="First", date=datetime.date(2025, 3, 1))
    make_readout(title="Unpublished second", status=DRAFT, date=datetime.date(2025, 3, 2))
    third = make_readout(title="Third", date=datetime.date(2025, 3, 3))
    make_readout(title="Unpublished fourth", status=DRAFT, date=datetime.date(2025, 3, 4))
    fifth = make_readout(title="Fifth", date=datetime.date(2025, 3, 5))
    response = client.get(third.get_absolute_url())
    assert response.context["previous"] == first
    assert response.context["next"] == fifth
    assertContains(response, f'rel="prev" href="{first.get_absolute_url()}"')
    assertContains(response, f'rel="next" href="{fifth.get_absolute_url()}"')
    assertNotContains(response, "Unpublished")


def test_previous_and_next_order_readouts_of_the_same_day_by_id(client):
    day = datetime.date(2025, 3, 1)
    first, second, third = (make_readout(date=day) for _ in range(3))
    response = client.get(second.get_absolute_url())
    assert (response.context["previous"], response.context["next"]) == (first, third)


def test_a_draft_readout_is_not_found(client):
    draft = make_readout(status=DRAFT, title="Unpublished call")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assertNotContains(response, "Unpublished call", status_code=404)


@pytest.mark.parametrize(
    "year, month, day, slug",
    [(2025, 3, 19, "no-such-readout"), (2025, 2, 30, "x"), (2025, 13, 1, "x"), (2025, 3, 20, "telephone-call")],
)
def test_a_wrong_date_or_slug_is_not_found(client, year, month, day, slug):
    make_readout(date=datetime.date(2025, 3, 19), slug="telephone-call")
    url = reverse("readouts:readout_detail", kwargs={"year": year, "month": month, "day": day, "slug": slug})
    assert client.get(url).status_code == 404


def test_text_entered_by_editors_is_escaped(client):
    hostile = "<script>alert('x')</script>"
    readout = make_readout(title=f"Call {hostile}", summary=hostile, location=hostile)
    statement = make_statement(readout, text=f"Para {hostile}\n\nTwo", issuer_name=hostile, note=hostile)
    make_quote(statement, text=hostile)
    make_participant(readout, make_person(name=hostile), title=hostile)
    response = client.get(readout.get_absolute_url())
    assertNotContains(response, "<script>")
    assertContains(response, "&lt;script&gt;")


def test_the_page_has_its_own_title_description_and_canonical_address(client):
    readout = make_readout(title="Trump–Zelenskyy call", summary="They spoke for an hour.", date=datetime.date(2025, 3, 19))
    response = client.get(readout.get_absolute_url())
    assertContains(response, "<title>Trump–Zelenskyy call, 19 March 2025 · Readouts archive</title>")
    assertContains(response, '<meta name="description" content="They spoke for an hour.">')
    assertContains(response, f'<link rel="canonical" href="http://testserver{readout.get_absolute_url()}">')


def test_sources_of_the_engagements_own_facts_are_listed_with_links(client):
    readout = make_readout(location="Diriyah Palace, Riyadh")
    readout.sources.add(make_source(name="Star Tribune (AP)", url="https://startribune.example/riyadh"))
    response = client.get(readout.get_absolute_url())
    assertContains(response, 'id="sources-heading"')
    assertContains(
        response, '<a href="https://startribune.example/riyadh" rel="noopener noreferrer external">Star Tribune (AP)</a>'
    )


def test_related_readouts_of_a_readout_without_participants_share_its_topics(client):
    topics = [make_topic() for _ in range(2)]
    readout = make_readout(topics=topics)
    make_readout(title="Shares both topics", topics=topics)
    make_readout(title="Shares one topic", topics=topics[:1])
    make_readout(title="Shares nothing")
    related = list(client.get(readout.get_absolute_url()).context["related"])
    assert [(r.title, r.shared) for r in related] == [("Shares both topics", 2), ("Shares one topic", 1)]


def test_related_readouts_are_ranked_among_the_readouts_with_most_people_in_common(client, monkeypatch):
    # Only RELATED_CANDIDATES readouts sharing the most people are ranked, so that a leader's
    # thousands of readouts are not all scored; the one with both people always makes the cut.
    monkeypatch.setattr("readouts.readout_page.RELATED_CANDIDATES", 2)
    first, second = make_person(), make_person()
    readout = make_readout()
    make_participant(readout, first)
    make_participant(readout, second)
    both = make_readout(title="Both leaders", date=datetime.date(2020, 1, 1))
    make_participant(both, first)
    make_participant(both, second)
    for n in range(3):
        make_participant(make_readout(title=f"First leader only {n}"), first)
    related = [r.title for r in client.get(readout.get_absolute_url()).context["related"]]
    assert related[0] == "Both leaders" and len(related) == 2

"""The admin's autocompletes tell records apart: each result, and each chosen value on a form,
names what an editor needs to confirm the pick (readouts/admin/pickers.py); the commitment
search puts a commitment's own words before its readout's title."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from readouts.admin.locking import LockedAdminMixin
from readouts.admin.pickers import source_label
from readouts.models import CommitmentUpdate, Source
from tests.admin_helpers import change_url
from tests.factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_source,
    make_statement,
)

APRIL_30 = datetime.date(2025, 4, 30)


def autocomplete(client, model_name, field_name, term=""):
    """The texts of the results, in order, as the select2 widget asks for them."""
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "readouts", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


class _Chosen(HTMLParser):
    """The text of each selected option of one <select>."""

    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.texts, self._in_select, self._selected = name, [], False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._in_select = attrs.get("name") == self.name
        elif tag == "option" and self._in_select and "selected" in attrs:
            self._selected = True
            self.texts.append("")

    def handle_data(self, data):
        if self._selected:
            self.texts[-1] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self._selected = False
        elif tag == "select":
            self._in_select = False


def chosen(response, name):
    parser = _Chosen(name)
    parser.feed(response.content.decode())
    return parser.texts


# Sources


@pytest.mark.django_db
def test_two_sources_of_one_publisher_are_told_apart(client, editor):
    make_source(name="Kyiv Post", url="https://www.kyivpost.com/post/48866", published_on=datetime.date(2025, 3, 13))
    make_source(name="Kyiv Post", url="https://www.kyivpost.com/post/48062")
    assert autocomplete(client, "statement", "sources", "Kyiv Post") == [
        "Kyiv Post — 13 March 2025 — kyivpost.com/post/48866",
        "Kyiv Post — undated — kyivpost.com/post/48062",
    ]


@pytest.mark.django_db
def test_a_long_address_is_shortened_in_the_source_picker(client, editor):
    make_source(
        name="Euromaidan Press",
        url="https://euromaidanpress.com/2025/03/15/ukraine-us-may-sign-mineral-resources-deal-online-after-the-white-house-meeting/",
        published_on=datetime.date(2025, 3, 15),
    )
    [text] = autocomplete(client, "statement", "sources", "Euromaidan")
    assert text.startswith("Euromaidan Press — 15 March 2025 — euromaidanpress.com/2025/03/15/ukraine-us-may-sign")
    assert text.endswith("…")


def test_a_sources_language_is_shown_once_it_has_one():
    source = Source(name="UNN", url="https://unn.ua/en/news/talks", published_on=APRIL_30)
    assert source_label(source) == "UNN — 30 April 2025 — unn.ua/en/news/talks"
    source.language = "uk"  # the field another change adds to Source
    assert source_label(source) == "UNN — 30 April 2025 — unn.ua/en/news/talks — uk"


@pytest.mark.django_db
def test_a_chosen_source_shows_its_label_on_the_readout_screen(client, editor):
    readout = make_readout()
    readout.sources.set([make_source(name="Kyiv Post", url="https://www.kyivpost.com/post/48866", published_on=APRIL_30)])
    response = client.get(change_url(readout))
    assert chosen(response, "sources") == ["Kyiv Post — 30 April 2025 — kyivpost.com/post/48866"]
    # Its box wide enough to read the label, not the <select>'s width.
    [select] = re.findall(r'<select name="sources"[^>]*>', response.content.decode())
    assert 'data-width="min(100%, 50em)"' in select


# People


@pytest.mark.django_db
def test_a_person_shows_their_latest_title(client, editor):
    rubio = make_person(name="Marco Rubio")
    make_participant(make_readout(date=datetime.date(2025, 3, 11)), rubio, title="Senator")
    make_participant(make_readout(date=datetime.date(2025, 4, 17)), rubio, title="Secretary of State")
    # Entered later, of an earlier day: the day decides, not the order of entry.
    make_participant(make_readout(date=datetime.date(2025, 1, 2)), rubio, title="Senator for Florida")
    make_participant(make_readout(date=datetime.date(2025, 4, 30)), rubio, title="")  # no title given
    assert autocomplete(client, "participant", "person", "Rubio") == ["Marco Rubio — Secretary of State"]


@pytest.mark.django_db
def test_a_person_never_given_a_title_shows_whom_they_represent(client, editor):
    make_person(name="Steve Witkoff", organization=make_organization(name="United States"))
    make_person(name="Steve Witkoffsky")
    assert autocomplete(client, "participant", "person", "Witkoff") == ["Steve Witkoff — United States", "Steve Witkoffsky"]


@pytest.mark.django_db
def test_a_person_is_found_by_a_title_they_held(client, editor):
    lavrov = make_person(name="Sergey Lavrov")
    make_participant(make_readout(date=datetime.date(2025, 2, 18)), lavrov, title="Minister of Foreign Affairs")
    make_participant(make_readout(date=datetime.date(2025, 3, 18)), lavrov, title="Minister of Foreign Affairs")
    make_participant(make_readout(), make_person(name="Yuri Ushakov"), title="Aide to the President")
    assert autocomplete(client, "participant", "person", "foreign minister") == ["Sergey Lavrov — Minister of Foreign Affairs"]
    # Listed once, with each of their readouts counted once.
    response = client.get(reverse("admin:readouts_person_changelist"), {"q": "foreign minister"})
    assert [(person.name, person.readout_count) for person in response.context["cl"].result_list] == [("Sergey Lavrov", 2)]


@pytest.mark.django_db
def test_a_chosen_person_shows_their_title_on_the_readout_screen(client, editor):
    rubio = make_person(name="Marco Rubio")
    readout = make_readout(date=APRIL_30)
    make_participant(readout, rubio, title="Secretary of State")
    response = client.get(change_url(readout))
    assert chosen(response, "participants-0-person") == ["Marco Rubio — Secretary of State"]


# Organizations


@pytest.mark.django_db
def test_an_organization_shows_its_country(client, editor):
    russia = make_organization(name="Russia")
    make_organization(name="Ministry of Foreign Affairs", kind="government_body", parent=russia)
    make_organization(name="Ministry of Foreign Affairs of Ukraine", kind="government_body")
    assert autocomplete(client, "statement", "issuer", "Ministry of Foreign") == [
        "Ministry of Foreign Affairs (Russia)",
        "Ministry of Foreign Affairs of Ukraine",
    ]


@pytest.mark.django_db
def test_an_organization_is_found_by_its_country_and_not_named_twice(client, editor):
    russia = make_organization(name="Russia")
    ukraine = make_organization(name="Ukraine")
    make_organization(name="Ministry of Foreign Affairs", kind="government_body", parent=russia)
    make_organization(name="Ministry of Defence of Ukraine", kind="government_body", parent=ukraine)
    assert autocomplete(client, "statement", "issuer", "Russia ministry") == ["Ministry of Foreign Affairs (Russia)"]
    assert autocomplete(client, "statement", "issuer", "Ukraine ministry") == ["Ministry of Defence of Ukraine"]


@pytest.mark.django_db
def test_a_chosen_organization_shows_its_country_on_a_persons_screen(client, editor):
    ministry = make_organization(name="Ministry of Defence", kind="government_body", parent=make_organization(name="Ukraine"))
    person = make_person(name="Rustem Umerov", organization=ministry)
    response = client.get(change_url(person))
    assert chosen(response, "organization") == ["Ministry of Defence (Ukraine)"]


# Readouts and commitments


@pytest.mark.django_db
def test_a_readout_shows_its_date(client, editor):
    make_readout(title="Meeting in Rome", date=datetime.date(2025, 4, 26))
    assert autocomplete(client, "commitmentupdate", "evidence", "Rome") == ["Meeting in Rome (26 April 2025)"]


@pytest.mark.django_db
def test_a_commitment_shows_its_actors_text_and_readout(client, editor):
    readout = make_readout(title="Meeting in Rome", date=datetime.date(2025, 4, 26))
    make_commitment(
        readout,
        actor_label="Ukraine and United States",
        description="Sign the minerals agreement and set up a joint reconstruction investment fund within weeks.",
    )
    assert autocomplete(client, "commitmentupdate", "commitment", "minerals") == [
        "Ukraine and United States: Sign the minerals agreement and set up a joint reconstruction… "
        "— Meeting in Rome (26 April 2025)"
    ]


class PickCommitmentAdmin(LockedAdminMixin, admin.ModelAdmin):
    """No screen picks a commitment yet: an update's form with the commitment as an autocomplete."""

    fields = ["commitment", "status"]
    autocomplete_fields = ["commitment"]


@pytest.mark.django_db
def test_a_chosen_commitment_shows_its_label(rf, editor):
    commitment = make_commitment(
        make_readout(title="Meeting in Rome", date=datetime.date(2025, 4, 26)),
        actor_label="Ukraine and United States",
        description="Sign the minerals agreement.",
    )
    request = rf.get("/")
    request.user = editor
    form_class = PickCommitmentAdmin(CommitmentUpdate, admin.site).get_form(request)
    html = str(form_class(initial={"commitment": commitment.pk})["commitment"])
    assert "Ukraine and United States: Sign the minerals agreement. — Meeting in Rome (26 April 2025)" in html


# Queries


def _queries(client, model_name, field_name, term):
    with CaptureQueriesContext(connection) as queries:
        autocomplete(client, model_name, field_name, term)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_name, field_name, make",
    [
        ("statement", "sources", lambda n: make_source(name=f"Agency {n}")),
        ("participant", "person", lambda n: make_participant(make_readout(), make_person(name=f"Agency {n}"))),
        ("statement", "issuer", lambda n: make_organization(name=f"Agency {n}", parent=make_organization())),
        ("commitmentupdate", "commitment", lambda n: make_commitment(make_readout(), actor_label=f"Agency {n}")),
        ("commitmentupdate", "evidence", lambda n: make_readout(title=f"Agency {n}")),
    ],
)
def test_a_page_of_results_takes_the_same_queries_whatever_its_length(client, editor, model_name, field_name, make):
    make(0)
    one = _queries(client, model_name, field_name, "Agency")
    for n in range(1, 8):
        make(n)
    assert len(autocomplete(client, model_name, field_name, "Agency")) == 8
    assert _queries(client, model_name, field_name, "Agency") == one


@pytest.mark.django_db
def test_chosen_labels_take_no_query_per_value_on_the_readout_screen(client, editor):
    def page_queries(readout):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(change_url(readout)).status_code == 200
        return len(queries)

    def readout_with(n):
        readout = make_readout()
        people = [make_person(organization=make_organization()) for _ in range(n)]
        for person in people:
            make_participant(make_readout(), person, title="Minister")
        make_statement(readout, speakers=people, sources=[make_source() for _ in range(n)])
        return readout

    assert page_queries(readout_with(1)) == page_queries(readout_with(5))


# The commitment search


@pytest.fixture
def signing():
    """A signing whose title holds the words searched for, and the earlier commitment to sign."""
    earlier = make_readout(title="Telephone call", date=datetime.date(2025, 3, 19))
    signing = make_readout(title="Ukraine and the US sign the minerals agreement", date=APRIL_30)
    fund = make_commitment(signing, actor_label="Ukraine and United States", description="Set up the reconstruction fund.")
    board = make_commitment(signing, actor_label="Ukraine and United States", description="Appoint the fund's board.")
    # Last in the list's own order (position, id), so only the search can put it first.
    to_sign = make_commitment(
        earlier, actor_label="Ukraine and United States", description="Sign the minerals deal at the White House.", position=9
    )
    return to_sign, fund, board


@pytest.mark.django_db
def test_the_commitment_list_finds_a_commitments_own_words_first(client, editor, signing):
    to_sign, fund, board = signing
    response = client.get(reverse("admin:readouts_commitment_changelist"), {"q": "sign the minerals"})
    assert list(response.context["cl"].result_list) == [to_sign, fund, board]


@pytest.mark.django_db
def test_the_commitment_picker_finds_a_commitments_own_words_first(client, editor, signing):
    texts = autocomplete(client, "commitmentupdate", "commitment", "sign the minerals")
    assert [text.split(":")[1].split(" — ")[0].strip() for text in texts] == [
        "Sign the minerals deal at the White House.",
        "Set up the reconstruction fund.",
        "Appoint the fund's board.",
    ]


@pytest.mark.django_db
def test_the_commitment_search_finds_an_actor_by_name_before_a_readouts_title(client, editor):
    starmer = make_person(name="Keir Starmer")
    visit = make_readout(title="Starmer visits Kyiv")
    in_title = make_commitment(visit, actor_label="Ukraine", description="Host the next meeting.")
    by_name = make_commitment(make_readout(), actor_label="United Kingdom", description="Send trainers.", position=9)
    by_name.actor_people.set([starmer])
    by_organization = make_commitment(make_readout(), actor_label="The coalition", description="Meet monthly.", position=9)
    by_organization.actor_organizations.set([make_organization(name="Starmer's office")])
    response = client.get(reverse("admin:readouts_commitment_changelist"), {"q": "starmer"})
    *own_words, by_title = response.context["cl"].result_list
    assert set(own_words) == {by_name, by_organization} and by_title == in_title


@pytest.mark.django_db
def test_a_sorted_commitment_list_keeps_own_words_first(client, editor, signing):
    to_sign, fund, board = signing
    # Sorted by "What" (the description), descending.
    response = client.get(reverse("admin:readouts_commitment_changelist"), {"q": "sign the minerals", "o": "-2"})
    assert list(response.context["cl"].result_list) == [to_sign, fund, board]
    response = client.get(reverse("admin:readouts_commitment_changelist"), {"q": "minerals", "o": "2"})
    assert list(response.context["cl"].result_list) == [to_sign, board, fund]


@pytest.mark.django_db
@pytest.mark.parametrize("term", ['"', "'", '"sign the', "sign 'the minerals'", "%", "\\", " "])
def test_an_odd_commitment_search_is_answered(client, editor, signing, term):
    assert client.get(reverse("admin:readouts_commitment_changelist"), {"q": term}).status_code == 200
    autocomplete(client, "commitmentupdate", "commitment", term)

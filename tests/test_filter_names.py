"""A person is typed by name in the filters' box (filters.NameField): the name finds them as
their slug does, and the reader is sent to the address with the slug."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_commitment, make_participant, make_person, make_readout

pytestmark = pytest.mark.django_db


def in_a_readout(**kwargs):
    """A person in a published readout: the only people the filters know (Person.objects.public())."""
    person = make_person(**kwargs)
    make_participant(make_readout(), person)
    return person

LIST = reverse("readouts:readout_list")
# The search page takes the list's filters, from its facets' links.
PEOPLE_BOXES = [
    (LIST, "person"),
    (reverse("readouts:search"), "person"),
    (reverse("readouts:commitment_list"), "person"),
    (reverse("readouts:commitment_list"), "counterpart_person"),
    (reverse("readouts:commitment_table"), "person"),
]


@pytest.fixture
def rubio():
    return in_a_readout(name="Marco Rubio", slug="marco-rubio", alternate_names="Marco Antonio Rubio")


@pytest.mark.parametrize("address, box", PEOPLE_BOXES)
@pytest.mark.parametrize("typed", ["Marco Rubio", "  marco   RUBIO ", "Rubio", "antonio", "marco-rubio"])
def test_a_name_typed_in_a_box_is_sent_to_the_address_with_the_slug(client, rubio, address, box, typed):
    response = client.get(address, {box: typed})
    if typed == "marco-rubio":
        assert response.status_code == 200
        return
    assert response.status_code == 302
    assert response["Location"] == f"{address}?{box}=marco-rubio"


def test_the_other_filters_are_kept_on_the_way(client, rubio):
    response = client.get(LIST, {"format": "meeting", "person": "rubio", "date_after": "2025-01-01"})
    assert response["Location"] == f"{LIST}?format=meeting&person=marco-rubio&date_after=2025-01-01"


@pytest.mark.parametrize("address, box", [(a, b) for a, b in PEOPLE_BOXES if a != reverse("readouts:search")])
def test_the_box_shows_the_name_of_whom_the_slug_names(client, rubio, address, box):
    response = client.get(address, {box: "marco-rubio"})
    assertContains(response, f'<input type="text" name="{box}" value="Marco Rubio"')
    assertNotContains(response, f'<select name="{box}"')


def test_a_name_finds_what_the_slug_finds(client, rubio):
    readout = make_readout(title="Call with the Secretary")
    make_participant(readout, rubio)
    make_readout(title="Call without him")
    response = client.get(LIST, {"person": "Rubio"}, follow=True)
    assert response.redirect_chain == [(f"{LIST}?person=marco-rubio", 302)]
    assertContains(response, "Call with the Secretary")
    assertNotContains(response, "Call without him")


def test_a_name_two_people_share_asks_for_more_and_names_them(client, rubio):
    in_a_readout(name="Alex Rubio", slug="alex-rubio")
    response = client.get(LIST, {"person": "rubio"})
    assertContains(response, "“rubio” could be Alex Rubio or Marco Rubio: type more of the name.", status_code=400)
    # The whole name is one person's, though another's contains it.
    in_a_readout(name="Marco Rubio Jr", slug="marco-rubio-jr")
    assert client.get(LIST, {"person": "marco rubio"})["Location"] == f"{LIST}?person=marco-rubio"


def test_many_people_sharing_a_name_are_named_five_and_others(client):
    for n in range(7):
        in_a_readout(name=f"Anna Example {n}", slug=f"anna-example-{n}")
    response = client.get(LIST, {"person": "example"})
    assertContains(
        response,
        "“example” could be Anna Example 0, Anna Example 1, Anna Example 2, Anna Example 3, Anna Example 4 or "
        "others: type more of the name.",
        status_code=400,
    )


def test_an_unknown_name_is_a_400_that_says_so(client, rubio):
    response = client.get(reverse("readouts:commitment_list"), {"person": "Nobody Atall"})
    assertContains(
        response, "No one in the archive is called “Nobody Atall”; the People page lists everyone.", status_code=400
    )
    assertContains(response, 'value="Nobody Atall"', status_code=400)


@pytest.mark.parametrize("hostile", ["\x00", "rubio\x00", "ru\nbio", "x" * 500, "<script>alert(1)</script>"])
def test_hostile_text_in_a_name_box_is_a_400(client, rubio, hostile):
    response = client.get(LIST, {"person": hostile})
    assert response.status_code == 400
    assertNotContains(response, "<script>alert(1)</script>", status_code=400)


def test_the_csv_and_the_table_take_a_name_as_the_list_does(client, rubio):
    readout = make_readout(title="Call with the Secretary")
    make_participant(readout, rubio)
    make_commitment(readout, actor_people=[rubio], description="Meet again soon.")
    response = client.get(reverse("downloads:readouts_csv"), {"person": "Marco Rubio"})
    assert response.status_code == 200
    assert "Call with the Secretary" in b"".join(response.streaming_content).decode()
    response = client.get(reverse("downloads:commitments_csv"), {"person": "rubio"})
    assert "Meet again soon." in b"".join(response.streaming_content).decode()


def test_the_api_takes_a_name_and_says_when_it_fits_several(client, rubio):
    readout = make_readout(title="Call with the Secretary")
    make_participant(readout, rubio)
    found = client.get("/api/readouts/", {"person": "Marco Rubio"}, HTTP_ACCEPT="application/json")
    by_slug = client.get("/api/readouts/", {"person": "marco-rubio"}, HTTP_ACCEPT="application/json")
    assert "Call with the Secretary" in [item["title"] for item in found.json()["results"]]
    assert found.json() == by_slug.json()
    in_a_readout(name="Alex Rubio", slug="alex-rubio")
    response = client.get("/api/readouts/", {"person": "rubio"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json() == {"person": ["“rubio” could be Alex Rubio or Marco Rubio: type more of the name."]}


def test_a_person_named_only_in_a_draft_is_unknown_to_the_filters(client, rubio):
    make_participant(make_readout(status="draft"), make_person(name="Steve Witkoff", slug="steve-witkoff"))
    for typed in ("Witkoff", "steve-witkoff"):
        response = client.get(LIST, {"person": typed})
        assert response.status_code == 400
        assertNotContains(response, "Steve Witkoff", status_code=400)

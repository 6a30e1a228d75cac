"""A readout's place in fields: its venue, city and country (a country of the archive), with the
free-text location for what they cannot say. The page shows them, search finds a readout by
them, and the readout screen enters them."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from readouts.search import parse, search
from tests.admin_helpers import add_readout, readout_fields
from tests.factories import make_commitment, make_organization, make_readout

pytestmark = pytest.mark.django_db


def found(text):
    return set(search(Readout.objects.published(), parse(text)).values_list("title", flat=True))


@pytest.fixture
def saudi_arabia():
    return make_organization(name="Saudi Arabia", slug="saudi-arabia", alternate_names="KSA")


def test_the_page_shows_venue_city_and_links_the_country(client, saudi_arabia):
    readout = make_readout(format="talks", venue="Diriyah Palace", city="Riyadh", country=saudi_arabia)
    response = client.get(readout.get_absolute_url())
    assertContains(
        response,
        '<dd class="place"><span class="place__venue">Diriyah Palace</span>, <span class="place__city">Riyadh</span>, '
        f'<a href="{saudi_arabia.get_absolute_url()}">Saudi Arabia</a></dd>',
        html=True,
    )


def test_the_location_adds_what_the_fields_cannot_say(client, saudi_arabia):
    placed = make_readout(city="Riyadh", country=saudi_arabia, location="venue not stated")
    assertContains(client.get(placed.get_absolute_url()), "Riyadh</span>, <a")
    assertContains(client.get(placed.get_absolute_url()), "Saudi Arabia</a> (venue not stated)")
    call = make_readout(location="telephone; locations not stated")
    response = client.get(call.get_absolute_url())
    assertContains(response, '<dd class="place">telephone; locations not stated</dd>', html=True)


def test_a_readout_with_no_place_shows_none(client):
    assertNotContains(client.get(make_readout().get_absolute_url()), "<dt>Place</dt>")


def test_lists_show_the_venue_and_city(client, saudi_arabia):
    make_readout(title="Talks", venue="Diriyah Palace", city="Riyadh", country=saudi_arabia)
    assertContains(client.get(reverse("readouts:readout_list")), "· Diriyah Palace, Riyadh")


def test_search_finds_a_readout_by_its_venue_city_and_country(saudi_arabia):
    make_readout(title="Talks", venue="Diriyah Palace", city="Riyadh", country=saudi_arabia)
    make_readout(title="Call", location="telephone; Zelenskyy in Helsinki")
    make_readout(title="Elsewhere")
    assert found("Diriyah") == {"Talks"}
    assert found("Riyadh") == {"Talks"}
    assert found('"Saudi Arabia"') == found("KSA") == {"Talks"}
    assert found("Helsinki") == {"Call"}


def test_a_renamed_country_is_found_by_its_new_name(saudi_arabia):
    make_readout(title="Talks", city="Riyadh", country=saudi_arabia)
    saudi_arabia.name = "Kingdom of Saudi Arabia"
    saudi_arabia.save()
    assert found("kingdom") == {"Talks"}


def test_search_finds_a_readout_by_its_commitments_words():
    readout = make_readout(title="Call")
    make_commitment(readout, description="Return the abducted children", exact_words="bring home every child")
    make_readout(title="Other call")
    assert found("abducted") == found('"bring home"') == {"Call"}


def test_the_readout_screen_enters_the_place(admin_client, saudi_arabia):
    fields = readout_fields(format="signing_ceremony", venue="Oval Office", city="Washington", country=saudi_arabia.pk)
    response = add_readout(admin_client, fields)
    assert response.status_code == 302
    readout = Readout.objects.get()
    assert (readout.venue, readout.city, readout.country, readout.format) == (
        "Oval Office", "Washington", saudi_arabia, "signing_ceremony"
    )


def test_the_country_must_be_a_country(admin_client):
    ministry = make_organization(name="Foreign Ministry", kind="government_body")
    response = add_readout(admin_client, readout_fields(country=ministry.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["country"]
    assert not Readout.objects.exists()


def test_press_conferences_and_signing_ceremonies_are_formats(client):
    for format, label in (("press_conference", "Press conference"), ("signing_ceremony", "Signing ceremony")):
        readout = make_readout(format=format)
        readout.full_clean()
        assertContains(client.get(readout.get_absolute_url()), f"<dd>{label}</dd>", html=True)

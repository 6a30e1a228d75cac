"""Addresses that last: a renamed readout, person, organization or topic answers at every address
it has had with a permanent redirect straight to today's; /r/<id>/ leads to a readout for good."""

import datetime
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from readouts.models import FormerAddress, Person, Readout, Topic
from tests.factories import make_editor, make_organization, make_participant, make_person, make_readout, make_topic

pytestmark = pytest.mark.django_db


def moves_to(response, url):
    return response.status_code == 301 and response["Location"] == url


# Readouts


def test_a_renamed_readout_answers_at_its_old_address(client):
    readout = make_readout(slug="first-slug")
    old = readout.get_absolute_url()
    readout.slug = "second-slug"
    readout.save()
    assert moves_to(client.get(old), "/readouts/2025/03/19/second-slug/")
    assert client.get(readout.get_absolute_url()).status_code == 200


def test_a_readout_moved_to_another_date_answers_at_its_old_address(client):
    readout = make_readout(slug="call", date=datetime.date(2025, 3, 18))
    old = readout.get_absolute_url()
    readout.date = datetime.date(2025, 3, 19)
    readout.save()
    assert moves_to(client.get(old), "/readouts/2025/03/19/call/")


def test_every_old_address_leads_straight_to_todays_after_two_renames(client):
    readout = make_readout(slug="one")
    first = readout.get_absolute_url()
    readout.slug = "two"
    readout.save()
    second = readout.get_absolute_url()
    readout.slug = "three"
    readout.date = datetime.date(2025, 3, 20)
    readout.save()
    for old in (first, second):
        assert moves_to(client.get(old), "/readouts/2025/03/20/three/")  # no chain of redirects
    assert FormerAddress.objects.filter(readout=readout).count() == 2


def test_the_redirect_keeps_the_query_string(client):
    readout = make_readout(slug="old")
    old = readout.get_absolute_url()
    readout.slug = "new"
    readout.save()
    assert moves_to(client.get(old + "?page=2"), readout.get_absolute_url() + "?page=2")
    # Parameters the archive does not read are dropped before any view (tests/test_cache_keys.py).
    assert moves_to(client.get(old + "?utm_source=x&page=2"), readout.get_absolute_url() + "?page=2")


def test_a_hostile_query_string_cannot_reach_the_redirects_headers(client):
    readout = make_readout(slug="old")
    old = readout.get_absolute_url()
    readout.slug = "new"
    readout.save()
    # As a server could pass it on undecoded, in parameters the archive reads (others are
    # dropped): line breaks, a quote, a NUL, non-ASCII.
    response = client.get(old, QUERY_STRING='q=1\r\nSet-Cookie: evil=1&page="x\x00é')
    path, _, query = response["Location"].partition("?")
    assert response.status_code == 301 and path == readout.get_absolute_url()
    assert not set("\r\n\x00 \"") & set(response["Location"])
    assert parse_qs(query) == {"q": ["1\r\nSet-Cookie: evil=1"], "page": ['"x\x00é']}
    assert "evil" not in response.cookies


def test_a_draft_readouts_old_address_is_a_404_like_its_page(client):
    readout = make_readout(slug="old", status=Readout.Status.DRAFT)
    old = readout.get_absolute_url()
    readout.slug = "new"
    readout.save()
    response = client.get(old)
    assert response.status_code == 404
    assert "new" not in response.get("Location", "")
    readout.status = Readout.Status.PUBLISHED
    readout.save()
    assert moves_to(client.get(old), readout.get_absolute_url())


def test_a_readout_returned_to_draft_no_longer_answers_at_its_old_address(client):
    readout = make_readout(slug="old")
    old = readout.get_absolute_url()
    readout.slug = "new"
    readout.save()
    readout.status = Readout.Status.DRAFT
    readout.save(update_fields=["status"])
    assert client.get(old).status_code == 404


def test_a_live_readout_at_an_old_address_wins(client):
    readout = make_readout(slug="shared", title="The first holder")
    old = readout.get_absolute_url()
    readout.slug = "moved-away"
    readout.save()
    make_readout(slug="shared", title="The new holder")
    response = client.get(old)
    assert response.status_code == 200
    assert response.context["readout"].title == "The new holder"


def test_an_address_left_by_its_second_holder_leads_to_the_second(client):
    first = make_readout(slug="shared")
    old = first.get_absolute_url()
    first.slug = "first-elsewhere"
    first.save()
    second = make_readout(slug="shared")
    second.slug = "second-elsewhere"
    second.save()
    assert moves_to(client.get(old), second.get_absolute_url())


def test_a_readout_renamed_back_answers_at_its_address_and_not_in_a_loop(client):
    readout = make_readout(slug="a")
    address = readout.get_absolute_url()
    readout.slug = "b"
    readout.save()
    readout.slug = "a"
    readout.save()
    assert client.get(address).status_code == 200
    assert moves_to(client.get(reverse("readouts:readout_detail", args=[2025, 3, 19, "b"])), address)


def test_saving_without_changing_the_address_records_nothing():
    readout = make_readout()
    readout.title = "Another title"
    readout.save()
    person = make_person()
    person.name = "Another name"
    person.save()
    assert not FormerAddress.objects.exists()


def test_deleting_a_readout_forgets_its_former_addresses(client):
    readout = make_readout(slug="old")
    old = readout.get_absolute_url()
    readout.slug = "new"
    readout.save()
    readout.delete()
    assert not FormerAddress.objects.exists()
    assert client.get(old).status_code == 404


def test_an_address_no_readout_ever_had_is_a_404(client):
    assert client.get(reverse("readouts:readout_detail", args=[2025, 3, 19, "never"])).status_code == 404


def test_an_impossible_date_is_a_404_not_a_500(client):
    assert client.get("/readouts/2025/02/30/anything/").status_code == 404


# People, organizations, topics


def in_a_readout(entity):
    """The person, organization or topic, in a published readout: it has a page."""
    if isinstance(entity, Person):
        make_participant(make_readout(), entity)
    elif isinstance(entity, Topic):
        make_readout(topics=[entity])
    else:
        make_readout(organizations=[entity])
    return entity


@pytest.mark.parametrize(
    "make, url_name",
    [
        (make_person, "readouts:person_detail"),
        (make_organization, "readouts:organization_detail"),
        (make_topic, "readouts:topic_detail"),
    ],
)
def test_a_renamed_entity_answers_at_every_old_address(client, make, url_name):
    thing = make(slug="first")
    in_a_readout(thing)
    for slug in ("second", "third"):
        thing.slug = slug
        thing.save()
    today = reverse(url_name, args=["third"])
    for old in ("first", "second"):
        assert moves_to(client.get(reverse(url_name, args=[old]) + "?page=2"), today + "?page=2")
    assert client.get(today).status_code == 200
    Readout.objects.all().delete()  # a participant's person cannot be deleted
    thing.delete()
    assert client.get(reverse(url_name, args=["first"])).status_code == 404


def test_a_persons_old_address_does_not_lead_to_a_topic_of_that_name(client):
    person = in_a_readout(make_person(slug="kursk"))
    person.slug = "someone"
    person.save()
    # The same slug, under another kind of page, is not a former address.
    assert client.get(reverse("readouts:topic_detail", args=["kursk"])).status_code == 404
    assert moves_to(client.get(reverse("readouts:person_detail", args=["kursk"])), person.get_absolute_url())


def test_a_live_person_at_an_old_address_wins(client):
    person = in_a_readout(make_person(slug="zelensky", name="Volodymyr Zelenskyy"))
    person.slug = "zelenskyy"
    person.save()
    in_a_readout(make_person(slug="zelensky", name="Another Zelensky"))
    assertion = client.get(reverse("readouts:person_detail", args=["zelensky"]))
    assert assertion.status_code == 200
    assert assertion.context["person"].name == "Another Zelensky"


def test_the_old_address_costs_one_query(client, django_assert_num_queries):
    person = in_a_readout(make_person(slug="old"))
    person.slug = "new"
    person.save()
    with django_assert_num_queries(2):  # the person at the address; the former address
        assert client.get(reverse("readouts:person_detail", args=["old"])).status_code == 301


def test_an_old_address_of_someone_with_no_published_readout_left_is_a_404(client):
    person = make_person(slug="old")
    readout = make_readout()
    make_participant(readout, person)
    person.slug = "new"
    person.save()
    assert client.get(reverse("readouts:person_detail", args=["old"])).status_code == 301
    readout.status = Readout.Status.DRAFT
    readout.save()
    # Neither the old address nor the new one tells a reader the new name.
    assert client.get(reverse("readouts:person_detail", args=["old"])).status_code == 404
    assert client.get(reverse("readouts:person_detail", args=["new"])).status_code == 404


# The short permanent address


def test_the_short_address_leads_to_the_readout(client):
    readout = make_readout(slug="call")
    assert moves_to(client.get(reverse("readouts:readout_short", args=[readout.pk])), readout.get_absolute_url())


def test_the_short_address_outlives_a_rename(client):
    readout = make_readout(slug="call")
    readout.slug = "renamed-call"
    readout.date = datetime.date(2025, 3, 1)
    readout.save()
    response = client.get(reverse("readouts:readout_short", args=[readout.pk]))
    assert moves_to(response, "/readouts/2025/03/01/renamed-call/")


def test_the_short_address_of_a_draft_is_a_404(client):
    readout = make_readout(status=Readout.Status.DRAFT)
    response = client.get(reverse("readouts:readout_short", args=[readout.pk]))
    assert response.status_code == 404
    assert readout.slug not in response.content.decode()


def test_the_short_address_of_no_readout_is_a_404(client):
    assert client.get(reverse("readouts:readout_short", args=[999999])).status_code == 404
    assert client.get("/r/not-a-number/").status_code == 404
    assert client.get("/r/99999999999999999999999999/").status_code == 404


# What editors see


@pytest.fixture
def editor(client):
    client.force_login(make_editor())


def test_editors_see_a_readouts_former_addresses_and_cannot_edit_them(client, editor):
    readout = make_readout(slug="old")
    readout.slug = "new"
    readout.save()
    response = client.get(reverse("admin:readouts_readout_change", args=[readout.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/readouts/2025/03/19/old/" in html
    assert 'name="former_addresses-0-path"' not in html  # read-only
    assert client.get("/admin/readouts/formeraddress/add/").status_code == 404  # no screen of its own


@pytest.mark.parametrize(
    "make, admin_name",
    [
        (make_person, "person"),
        (make_organization, "organization"),
        (make_topic, "topic"),
    ],
)
def test_editors_see_an_entitys_former_addresses(client, editor, make, admin_name):
    thing = make(slug="before")
    thing.slug = "after"
    thing.save()
    response = client.get(reverse(f"admin:readouts_{admin_name}_change", args=[thing.pk]))
    assert response.status_code == 200
    assert "/before/" in response.content.decode()


def test_editors_can_delete_a_readout_that_has_former_addresses(client, editor):
    readout = make_readout(slug="old", status=Readout.Status.DRAFT)
    readout.slug = "new"
    readout.save()
    response = client.post(reverse("admin:readouts_readout_delete", args=[readout.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Readout.objects.filter(pk=readout.pk).exists()
    assert not FormerAddress.objects.exists()


# Addresses are reversed once per process (readouts/models/reversing.py).


def test_a_kept_address_follows_the_script_prefix_and_the_urlconf(settings):
    from django.urls import set_script_prefix

    topic = make_topic(name="Energy")
    assert topic.get_absolute_url() == reverse("readouts:topic_detail", args=[topic.slug])
    set_script_prefix("/archive/")
    try:
        assert topic.get_absolute_url() == f"/archive/topics/{topic.slug}/"
    finally:
        set_script_prefix("/")
    assert topic.get_absolute_url() == f"/topics/{topic.slug}/"
    settings.ROOT_URLCONF = "tests.urls_elsewhere"
    assert topic.get_absolute_url() == f"/elsewhere/topics/{topic.slug}/"


@pytest.mark.parametrize("day", [datetime.date(2025, 3, 19), datetime.date(999, 1, 2), datetime.date(2024, 12, 31)])
@pytest.mark.parametrize("slug", ["trump-putin-call", "a_b-9", "sentinel"])
def test_a_readouts_address_from_its_date_and_slug_is_the_reversed_one(settings, day, slug):
    """readout_address() writes the date and slug after the beginning reverse() gives a
    sentinel readout: the same address as reverse(), under a script prefix or another URLconf."""
    from django.urls import set_script_prefix

    from readouts.models import readout_address

    def reversed_():
        return reverse("readouts:readout_detail", args=[day.year, day.month, day.day, slug])

    assert readout_address(day, slug) == reversed_()
    set_script_prefix("/archive/")
    try:
        assert readout_address(day, slug) == reversed_()
        assert readout_address(day, slug).startswith("/archive/readouts/")
    finally:
        set_script_prefix("/")
    settings.ROOT_URLCONF = "tests.urls_elsewhere"
    assert readout_address(day, slug) == reversed_()
    assert readout_address(day, slug).startswith("/elsewhere/readouts/")


def test_a_slug_the_converter_refuses_is_refused_as_reverse_refuses_it():
    from django.urls import NoReverseMatch

    from readouts.models import readout_address

    with pytest.raises(NoReverseMatch):
        readout_address(datetime.date(2025, 3, 19), "no spaces")


def test_a_renamed_objects_address_is_its_new_one_at_once():
    readout, person = make_readout(slug="before"), make_person(name="Ana Brnabić")
    assert readout.get_absolute_url().endswith("/before/")
    readout.slug, person.slug = "after", "ana-brnabic-2"
    assert readout.get_absolute_url().endswith("/after/")
    assert person.get_absolute_url() == "/people/ana-brnabic-2/"

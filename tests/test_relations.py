"""The page of a pair of organizations or people (/relations/<a>/<b>/), its feed, the most
frequent counterparts (models.OrganizationPair) and the links to the pair's page, on the
sample archive (the United States, Russia, Ukraine) and on factories."""

import io
import re

import feedparser
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from readouts import relations
from readouts.models import (
    Commitment,
    CommitmentStatus,
    Discrepancy,
    Organization,
    OrganizationPair,
    Person,
    Readout,
    Statement,
)
from tests.admin_helpers import add_readout, change_url, form_data, readout_fields
from tests.factories import (
    make_commitment,
    make_discrepancy,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
)
from tests.test_sample_archive import SAMPLE

pytestmark = pytest.mark.django_db

PAIR = reverse("readouts:relation_detail", args=["russia", "united-states"])


@pytest.fixture
def archive(db):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw


def check_derived():
    out = io.StringIO()
    try:
        call_command("check_derived", stdout=out)
    except CommandError:
        pytest.fail(out.getvalue())


def org(slug):
    return Organization.objects.get(slug=slug)


def person(slug):
    return Person.objects.get(slug=slug)


def listed(html):
    """The readouts' addresses a page lists, in order."""
    return re.findall(r'<h3 class="readout-item__title"><a href="([^"]+)">', html)


def section(html, anchor):
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def engagements(a, b):
    return list(Readout.objects.published().of(a).of(b).newest_first())


# The page.


def test_the_pair_page_lists_every_readout_of_both_newest_first(client, archive):
    united_states, russia = org("united-states"), org("russia")
    expected = engagements(united_states, russia)
    assert expected and len(expected) < Readout.objects.published().count()
    response = client.get(PAIR)
    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html) == [readout.get_absolute_url() for readout in expected]
    assert "<h1>Russia and United States</h1>" in html
    # Format and participants, as every list shows them.
    assert expected[0].get_format_display() in html


def test_the_other_order_answers_301_to_the_same_page(client, archive):
    response = client.get(reverse("readouts:relation_detail", args=["united-states", "russia"]) + "?page=1")
    assert response.status_code == 301
    assert response["Location"] == PAIR + "?page=1"
    followed = client.get(response["Location"])
    assert followed.content == client.get(PAIR + "?page=1").content


@pytest.mark.parametrize(
    "first, second",
    [("russia", "united-states"), ("donald-j-trump", "vladimir-putin"), ("russia", "donald-j-trump"),
     ("kremlin", "white-house"), ("ukraine", "volodymyr-zelenskyy")],
)
def test_any_two_organizations_or_people_make_a_pair(client, archive, first, second):
    a, b = relations.find(first, second).a, relations.find(first, second).b
    response = client.get(relations.url(a, b))
    assert response.status_code == 200
    assert listed(response.content.decode()) == [readout.get_absolute_url() for readout in engagements(a, b)]


def test_a_slug_names_an_organization_before_a_person(archive):
    person("donald-j-trump")
    Person.objects.create(name="Russia the person", slug="russia")  # nobody would, but someone could
    pair = relations.find("russia", "donald-j-trump")
    assert pair.a == org("russia") or pair.b == org("russia")


@pytest.mark.parametrize(
    "address",
    [
        "/relations/russia/nowhere/",
        "/relations/nowhere/russia/",
        "/relations/russia/russia/",
        "/relations/russia/",
        "/relations/russia/united%20states/",
        "/relations/russia/united-states%00/",
        "/relations/r%C3%BCssia/united-states/",
        "/relations/russia/united-states/?page=999",
        "/relations/russia/united-states/?page=abc",
        "/relations/russia/united-states/?page=%00",
    ],
)
def test_bad_addresses_are_404_not_500(client, archive, address):
    assert client.get(address).status_code == 404


def test_a_pair_with_a_renamed_member_redirects_to_its_new_address(client, archive):
    russia = org("russia")
    russia.slug = "russian-federation"
    russia.save()
    response = client.get(PAIR)
    assert response.status_code == 301
    assert response["Location"] == reverse("readouts:relation_detail", args=["russian-federation", "united-states"])
    assert client.get(response["Location"]).status_code == 200


def test_each_side_lists_its_own_statements(client, archive):
    united_states, russia = org("united-states"), org("russia")
    readouts = engagements(united_states, russia)
    html = client.get(PAIR).content.decode()
    for side in (russia, united_states):
        issued = Statement.objects.filter(readout__in=readouts, issuer__in=Organization.objects.filter(
            pk=side.pk) | Organization.objects.filter(parent=side)).order_by("-readout__date", "-readout", "position")
        assert issued.exists()
        part = section(html, f"side-{side.slug}")
        assert re.findall(r'#s(\d+)">', part) == [str(pk) for pk in issued.values_list("pk", flat=True)][
            : relations.STATEMENTS_SHOWN
        ]
        assert f"<dt>Statements by {side.name}</dt><dd>{issued.count()}</dd>" in html


def test_a_persons_side_lists_what_they_spoke(client, archive):
    trump, putin = person("donald-j-trump"), person("vladimir-putin")
    readouts = engagements(trump, putin)
    html = client.get(relations.url(trump, putin)).content.decode()
    spoken = Statement.objects.filter(readout__in=readouts, speakers=putin).values_list("pk", flat=True)
    assert set(re.findall(r'#s(\d+)">', section(html, "side-vladimir-putin"))) == {str(pk) for pk in spoken}
    for side in (trump, putin):
        n = Statement.objects.filter(readout__in=readouts, speakers=side).count()
        assert f"<dt>Statements by {side.name}</dt><dd>{n}</dd>" in html


def test_a_country_and_a_body_inside_it_each_count_what_the_body_did(client):
    """Sides may overlap: the body's statements and representatives are both sides'. Both
    sides' figures come from one query each (Pair.figures), counted apart."""
    country = make_organization(slug="aland", name="Åland")
    ministry = make_organization(slug="aland-ministry", name="Ministry of Åland", kind="government_body", parent=country)
    envoy, minister = make_person(name="An Envoy"), make_person(name="A Minister")
    for n in range(3):
        readout = make_readout(organizations=[country, ministry])
        make_statement(readout, issuer=ministry, title=f"Ministry statement {n}")
        make_participant(readout, person=minister, represented=ministry)
        if n == 0:
            make_statement(readout, issuer=country, title="Country statement")
            make_participant(readout, person=envoy, represented=country)
    html = client.get(relations.url(country, ministry)).content.decode()
    assert "<dt>Statements by Åland</dt><dd>4</dd>" in html
    assert "<dt>Statements by Ministry of Åland</dt><dd>3</dd>" in html
    people = section(html, "people")
    country_side, ministry_side = people.split("Ministry of Åland", 1)
    assert "A Minister" in country_side and "An Envoy" in country_side
    assert "A Minister" in ministry_side and "An Envoy" not in ministry_side
    assert "3<span class=\"visually-hidden\"> engagements representing Åland" in country_side


def test_commitments_and_their_tally_are_those_between_the_two(client, archive):
    united_states, russia = org("united-states"), org("russia")
    readouts = engagements(united_states, russia)
    sides = Organization.objects.filter(pk__in=[united_states.pk, russia.pk]) | Organization.objects.filter(
        parent__in=[united_states, russia])
    expected = Commitment.objects.filter(readout__in=readouts, actor_organizations__in=sides).distinct()
    assert expected.exists()
    html = section(client.get(PAIR).content.decode(), "commitments")
    newest = expected.order_by("-readout__date", "-readout", "position", "pk")[: relations.COMMITMENTS_SHOWN]
    assert re.findall(r'href="/commitments/(\d+)/"', html) == [str(c.pk) for c in newest]
    if expected.count() > relations.COMMITMENTS_SHOWN:
        assert f"The newest {relations.COMMITMENTS_SHOWN} of {expected.count()}" in html
    for key, label, statuses in CommitmentStatus.groups():
        n = expected.filter(status__in=statuses).count()
        assert f'<th scope="row">{label}</th><td>{n}</td>' in html
    assert f'<th scope="row">All</th><td>{expected.count()}</td>' in html


def test_people_of_each_side_are_those_who_represented_it(client, archive):
    united_states, russia = org("united-states"), org("russia")
    readouts = engagements(united_states, russia)
    html = section(client.get(PAIR).content.decode(), "people")
    for slug in ("vladimir-putin", "donald-j-trump"):
        assert f'href="/people/{slug}/"' in html
    represented = set(
        Person.objects.filter(participations__readout__in=readouts, participations__represented__in=[
            united_states, russia, *united_states.children.all(), *russia.children.all()]).values_list("slug", flat=True)
    )
    assert set(re.findall(r'href="/people/([^/]+)/"', html)) == represented


def test_discrepancies_link_the_readouts_comparison(client, archive):
    united_states, russia = org("united-states"), org("russia")
    recorded = Discrepancy.objects.filter(readout__in=engagements(united_states, russia))
    assert recorded.exists()
    html = section(client.get(PAIR).content.decode(), "discrepancies")
    newest = recorded.order_by("-readout__date", "-readout", "position", "pk")[: relations.DISCREPANCIES_SHOWN]
    assert re.findall(r'#d(\d+)"', html) == [str(discrepancy.pk) for discrepancy in newest]
    assert f"The newest {len(newest)} of {recorded.count()}" in html
    for discrepancy in newest:
        readout = discrepancy.readout
        assert f'{readout.get_absolute_url()}#d{discrepancy.pk}"' in html
        assert reverse("readouts:readout_compare", args=[readout.date.year, readout.date.month, readout.date.day,
                                                         readout.slug]) in html


def test_the_counts_by_year_and_format_add_up_to_the_list(client, archive):
    readouts = engagements(org("united-states"), org("russia"))
    html = client.get(PAIR).content.decode()
    timeline = section(html, "years")
    years = {readout.date.year for readout in readouts}
    for year in years:
        n = sum(1 for readout in readouts if readout.date.year == year)
        assert f'{year}</a></th><td>{n}</td>' in timeline
    formats = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', section(html, "formats-heading"))
    assert sum(int(n) for _, n in formats) == len(readouts)


def test_a_mixed_pair_links_the_filtered_readout_list(client, archive):
    trump, russia = person("donald-j-trump"), org("russia")
    html = client.get(relations.url(trump, russia)).content.decode()
    assert "/readouts/?person=donald-j-trump&amp;organization=russia" in html
    listing = client.get("/readouts/?person=donald-j-trump&organization=russia").content.decode()
    assert listed(listing) == listed(html)


def test_a_long_relation_is_paged_and_its_lists_capped(client):
    a, b = make_organization(slug="aland"), make_organization(slug="borduria")
    for n in range(30):
        readout = make_readout(organizations=[a, b])
        for side in (a, b):
            make_statement(readout, issuer=side)
        make_commitment(readout).actor_organizations.add(a)
    html = client.get(relations.url(a, b)).content.decode()
    assert len(listed(html)) == 25
    assert f"The newest {relations.STATEMENTS_SHOWN} of 30" in html
    assert f"The newest {relations.COMMITMENTS_SHOWN} of 30" in html
    assert len(listed(client.get(relations.url(a, b) + "?page=2").content.decode())) == 5


# Drafts.


def test_drafts_are_never_listed_counted_or_paired(client):
    a, b = make_organization(slug="aland"), make_organization(slug="borduria")
    published = make_readout(organizations=[a, b], title="The published call")
    draft = make_readout(organizations=[a, b], status=Readout.Status.DRAFT, title="The draft call")
    for readout in (published, draft):
        make_statement(readout, issuer=a, title=f"Statement of {readout.title}")
        make_commitment(readout, description=f"Promise of {readout.title}").actor_organizations.add(b)
        make_discrepancy(readout, subject=f"Point of {readout.title}")
    html = client.get(relations.url(a, b)).content.decode()
    assert "The published call" in html and "The draft call" not in html
    assert "<dt>Engagements</dt><dd>1</dd>" in html
    assert "<dt>Commitments</dt><dd>1</dd>" in html
    assert client.get(relations.url(a, b)).context["per_month"].total == 1
    assert OrganizationPair.objects.get(organization=a, other=b).readouts == 1
    feed = client.get(reverse("syndication:relation_atom", args=["aland", "borduria"])).content.decode()
    assert "The published call" in feed and "The draft call" not in feed


# The feed.


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_the_feed_lists_what_the_page_lists(client, archive, fmt):
    response = client.get(reverse(f"syndication:relation_{fmt}", args=["russia", "united-states"]))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0
    page = listed(client.get(PAIR).content.decode())
    assert [re.sub(r"^https?://[^/]+", "", entry.link) for entry in parsed.entries] == page


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_the_feed_redirects_the_other_order_and_refuses_unknown_pairs(client, archive, fmt):
    response = client.get(reverse(f"syndication:relation_{fmt}", args=["united-states", "russia"]))
    assert response.status_code == 301
    assert response["Location"] == reverse(f"syndication:relation_{fmt}", args=["russia", "united-states"])
    for args in (["russia", "nowhere"], ["russia", "russia"]):
        assert client.get(reverse(f"syndication:relation_{fmt}", args=args)).status_code == 404


def test_the_page_links_its_feeds(client, archive):
    html = client.get(PAIR).content.decode()
    atom = reverse("syndication:relation_atom", args=["russia", "united-states"])
    assert f'<link rel="alternate" type="application/atom+xml" title="Readouts of Russia and United States (Atom)" href="{atom}">' in html


# Most frequent counterparts, and the links to the pair's page.


def shared(a, b):
    return Readout.objects.published().of(a).of(b).count()


def test_counterparts_are_top_level_organizations_outside_its_own_tree(archive):
    for organization in Organization.objects.all():
        top = organization
        while top.parent is not None:
            top = top.parent
        expected = {
            other.pk: shared(organization, other)
            for other in Organization.objects.filter(parent=None).exclude(pk=top.pk).exclude(kind="media")
            if shared(organization, other)
        }
        stored = dict(OrganizationPair.objects.filter(organization=organization).values_list("other", "readouts"))
        assert stored == expected, organization
    white_house = org("white-house")
    others = set(OrganizationPair.objects.filter(organization=white_house).values_list("other__slug", flat=True))
    assert "russia" in others and "ukraine" in others
    assert not others & {"united-states", "white-house", "kremlin", "unn"}  # UNN: a news agency


def test_the_organization_page_lists_its_counterparts_linked_to_each_pair(client, archive):
    html = section(client.get(org("white-house").get_absolute_url()).content.decode(), "counterparts-heading")
    russia = OrganizationPair.objects.get(organization=org("white-house"), other=org("russia"))
    assert f'<a href="{relations.url(org("white-house"), org("russia"))}">Russia</a> <span class="count">{russia.readouts}' in html


def test_met_most_often_links_each_persons_pair_page(client, archive):
    html = section(client.get(person("donald-j-trump").get_absolute_url()).content.decode(), "met-heading")
    assert f'href="{relations.url(person("donald-j-trump"), person("vladimir-putin"))}"' in html


def test_the_readout_page_links_its_principal_parties_pair(client, archive):
    readout = engagements(org("united-states"), org("russia"))[0]
    html = client.get(readout.get_absolute_url()).content.decode()
    assert f'<dt>Relations</dt><dd><a href="{PAIR}">' in html


# The derived table through the editors' screens.


def test_counterparts_stay_right_after_admin_edits(client, editor):
    usa, russia = make_organization(name="United States"), make_organization(name="Russia")
    white_house = make_organization(name="White House", kind="government_body", parent=usa)
    response = add_readout(client, readout_fields(status="published", organizations=[white_house.pk, russia.pk]))
    assert response.status_code == 302
    assert OrganizationPair.objects.get(organization=white_house, other=russia).readouts == 1
    assert not OrganizationPair.objects.filter(organization=white_house, other=usa).exists()
    check_derived()
    # The White House moved under Russia (an editor's mistake): it has no counterpart left.
    page = client.get(change_url(white_house))
    assert client.post(change_url(white_house), form_data(page) | {"parent": [str(russia.pk)]}).status_code == 302
    assert not OrganizationPair.objects.filter(organization=white_house).exists()
    assert not OrganizationPair.objects.filter(organization=usa).exists()
    check_derived()
    readout = Readout.objects.get()
    page = client.get(change_url(readout))
    assert client.post(change_url(readout), form_data(page) | {"status": ["draft"]}).status_code == 302
    assert not OrganizationPair.objects.exists()
    check_derived()


def test_a_change_of_kind_adds_or_removes_a_counterpart():
    country, outlet = make_organization(), make_organization(kind="media")
    make_readout(organizations=[country, outlet])
    # A news organization has counterparts (what it covered), but is nobody's.
    assert OrganizationPair.objects.filter(organization=outlet, other=country).exists()
    assert not OrganizationPair.objects.filter(other=outlet).exists()
    outlet.kind = "international"
    outlet.save()
    assert OrganizationPair.objects.filter(organization=country, other=outlet).exists()
    check_derived()


def test_a_person_and_a_participant_make_pairs_too():
    a, b = make_person(slug="alice"), make_person(slug="bob")
    readout = make_readout()
    make_participant(readout, a)
    make_participant(readout, b)
    assert relations.find("bob", "alice").slugs == ("alice", "bob")
    assert list(relations.find("alice", "bob").readout_ids()) == [readout.pk]


def test_check_derived_finds_a_wrong_pair_and_rebuild_repairs_it(archive):
    white_house, russia = org("white-house"), org("russia")
    wrong = relations.STORED_FROM - 1  # too few to make the pair's figures stored: one table differs
    OrganizationPair.objects.filter(organization=white_house, other=russia).update(readouts=wrong)
    OrganizationPair.objects.filter(organization=russia, other=org("ukraine")).delete()
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 derived table"):
        call_command("check_derived", stdout=out)
    assert "OrganizationPair: 2 missing, 1 extra row(s)" in out.getvalue()
    assert f"readouts={wrong}" in out.getvalue()
    call_command("rebuild_derived", verbosity=0)
    check_derived()


# The sitemap.


def test_the_sitemap_lists_the_pairs_of_top_level_organizations_only(client, archive):
    a, b = make_organization(slug="aland"), make_organization(slug="borduria")
    make_readout(organizations=[a, b], status=Readout.Status.DRAFT)
    make_readout(organizations=[a, make_organization(slug="a-news-agency", kind="media")])
    body = client.get(reverse("syndication:sitemap_section", args=["relations"])).content.decode()
    listed_pairs = set(re.findall(r"/relations/([^/]+)/([^/]+)/</loc>", body))
    tops = Organization.objects.filter(parent=None).exclude(kind="media")
    expected = {(x.slug, y.slug) for x in tops for y in tops if x.slug < y.slug and shared(x, y)}
    assert ("russia", "united-states") in expected
    assert listed_pairs == expected


def test_an_edit_shows_on_the_cached_page_and_figures_at_once(client, page_cache):
    a, b = make_organization(slug="aland"), make_organization(slug="borduria")
    make_readout(organizations=[a, b])
    assert "<dt>Engagements</dt><dd>1</dd>" in client.get(relations.url(a, b)).content.decode()
    make_readout(organizations=[a, b], title="The second call")
    html = client.get(relations.url(a, b)).content.decode()
    assert "<dt>Engagements</dt><dd>2</dd>" in html and "The second call" in html


def test_the_contact_timeline_marks_each_engagement_and_the_months_add_up(client, archive):
    readouts = engagements(org("united-states"), org("russia"))
    html = client.get(PAIR).content.decode()
    drawing = section(html, "timeline")
    marks = re.findall(r'<a href="([^"]+)"[^>]*>\s*<title>', drawing)
    assert sorted(marks) == sorted(readout.get_absolute_url() for readout in readouts)
    per_month = re.findall(r'<th scope="row">[A-Z][a-z]+ \d{4}</th>\s*<td>(\d+)</td>', drawing)
    assert sum(int(n) for n in per_month) == len(readouts)


def test_migration_0018_fills_the_pairs_as_the_write_path_counts_them(archive):
    import importlib

    from django.db import connection

    migration = importlib.import_module("readouts.migrations.0018_organization_pairs")
    derived = set(OrganizationPair.objects.values_list("organization", "other", "readouts"))
    assert derived
    OrganizationPair.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(migration.DERIVE)
    assert set(OrganizationPair.objects.values_list("organization", "other", "readouts")) == derived


@pytest.mark.parametrize("shown", [1, None])
@pytest.mark.parametrize("searched", [1, 2, 1000])
def test_the_newest_lists_are_the_same_however_many_engagements_are_searched_first(
    archive, monkeypatch, searched, shown
):
    """Pair._newest() looks in the newest engagements before all of them: what it finds is what
    a search of all of them finds, whether the first look holds enough or not."""
    if shown:
        for name in ("STATEMENTS_SHOWN", "COMMITMENTS_SHOWN", "DISCREPANCIES_SHOWN"):
            monkeypatch.setattr(relations, name, shown)
    pair = relations.find("russia", "united-states")
    everything = relations.Pair(pair.a, pair.b)
    monkeypatch.setattr(relations, "NEWEST_SEARCHED", 10_000)
    expected = (
        [(side.entity, [s.pk for s in found]) for side, found in everything.statements()],
        [c.pk for c in everything.commitments()],
        [d.pk for d in everything.discrepancies()],
    )
    assert all(found for _, found in expected[0]) and expected[1] and expected[2]
    monkeypatch.setattr(relations, "NEWEST_SEARCHED", searched)
    assert (
        [(side.entity, [s.pk for s in found]) for side, found in pair.statements()],
        [c.pk for c in pair.commitments()],
        [d.pk for d in pair.discrepancies()],
    ) == expected

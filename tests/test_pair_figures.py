"""The stored figures of large pairs (models.PairFigures): written by the write path for the
pairs an edit names, equal to the figures counted from the engagements, shown as the counted
ones are, and checked by check_derived. Pairs are "large" here from relations.STORED_FROM = 2
readouts together, so that the sample archive and factories have some."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from readouts import relations
from readouts.models import CommitmentStatus, Organization, PairFigures, Readout
from tests.factories import make_commitment, make_organization, make_readout, make_statement
from tests.test_derived import check_derived
from tests.test_sample_archive import SAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def large_from_two(monkeypatch):
    monkeypatch.setattr(relations, "STORED_FROM", 2)


@pytest.fixture
def archive(db, large_from_two):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw


def stored():
    return {(row.organization_id, row.other_id): (row.figures, row.head) for row in PairFigures.objects.all()}


def counted():
    """{pair: (its figures, its head) counted}, for every pair that should be stored."""
    organizations = Organization.objects.in_bulk()
    pairs = {}
    for a, b in relations.stored_pairs():
        pair = relations.Pair(organizations[a], organizations[b])
        pairs[(a, b)] = (pair.count_figures(), pair.count_head())
    return pairs


def test_the_large_pairs_of_the_sample_archive_are_stored_as_counted(archive):
    pairs = stored()
    assert len(pairs) >= 3  # the United States, Russia and Ukraine among them
    assert pairs == counted()
    russia, united_states = Organization.objects.get(slug="russia"), Organization.objects.get(slug="united-states")
    assert tuple(sorted([russia.pk, united_states.pk])) in pairs


def test_a_pair_page_shows_the_same_from_stored_figures_as_from_counted_ones(client, archive):
    organizations = Organization.objects.in_bulk()
    addresses = [relations.url(organizations[a], organizations[b]) for a, b in stored()]
    from_stored = [client.get(address).content for address in addresses]
    PairFigures.objects.all().delete()
    assert [client.get(address).content for address in addresses] == from_stored


def test_a_pair_of_fewer_readouts_is_counted_not_stored(client, archive):
    aland, borduria = make_organization(slug="aland"), make_organization(slug="borduria")
    make_readout(organizations=[aland, borduria])
    assert relations.find("aland", "borduria").stored_figures() is None
    assert "<dt>Engagements</dt><dd>1</dd>" in client.get(relations.url(aland, borduria)).content.decode()
    make_readout(organizations=[aland, borduria])
    assert relations.find("aland", "borduria").stored_figures()["engagements"] == [["2025-03-01", "phone_call", 2]]
    assert "<dt>Engagements</dt><dd>2</dd>" in client.get(relations.url(aland, borduria)).content.decode()


@pytest.mark.parametrize(
    "edit",
    [
        "new readout",
        "statement deleted",
        "commitment kept",
        "readout made a draft",
        "readout deleted",
        "body moved to another country",
        "pair falls below",
        "readout retitled",
        "statement retitled",
        "commitment reworded",
    ],
)
def test_the_write_path_keeps_the_stored_figures_as_counted(large_from_two, edit):
    aland, borduria, cordoba = (make_organization(slug=slug) for slug in ("aland", "borduria", "cordoba"))
    ministry = make_organization(slug="aland-ministry", kind="government_body", parent=aland)
    readouts = [make_readout(organizations=[ministry, borduria, cordoba]) for _ in range(3)]
    statement = make_statement(readouts[0], issuer=ministry)
    commitment = make_commitment(readouts[1])
    commitment.actor_organizations.add(ministry)
    assert stored() == counted() and len(stored()) == 5  # the three countries' pairs, the ministry's two

    if edit == "new readout":
        make_readout(organizations=[aland, borduria])
    elif edit == "statement deleted":
        statement.delete()
    elif edit == "commitment kept":
        commitment.status = CommitmentStatus.FULFILLED
        commitment.save()
    elif edit == "readout made a draft":
        readouts[2].status = Readout.Status.DRAFT
        readouts[2].save()
    elif edit == "readout deleted":
        readouts[2].delete()
    elif edit == "body moved to another country":
        ministry.parent = cordoba
        ministry.save()
    elif edit == "pair falls below":
        for readout in readouts[1:]:
            readout.organizations.remove(cordoba)
    elif edit == "readout retitled":
        readouts[0].title = "Talks <renamed> & retitled"
        readouts[0].save()
    elif edit == "statement retitled":
        statement.title = "A statement retitled"
        statement.save()
    elif edit == "commitment reworded":
        commitment.description = "A commitment reworded"
        commitment.save()

    assert stored() == counted()
    check_derived()


def test_check_derived_finds_stored_figures_that_differ_and_rebuild_repairs_them(archive):
    (pair, (figures, _)), (other_pair, (_, head)) = list(stored().items())[:2]
    figures["discrepancies"] += 1
    PairFigures.objects.filter(organization=pair[0], other=pair[1]).update(figures=figures)
    head["timeline"][0][1] = "A title the readout does not have"
    PairFigures.objects.filter(organization=other_pair[0], other=other_pair[1]).update(head=head)
    extra = make_organization(slug="zembla")
    PairFigures.objects.create(organization=Organization.objects.get(pk=pair[0]), other=extra, figures={})
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 derived table"):
        call_command("check_derived", stdout=out)
    assert "PairFigures: 2 missing, 3 extra row(s)" in out.getvalue()
    assert "differs: the figures of" in out.getvalue()
    call_command("rebuild_derived", verbosity=0)
    check_derived()

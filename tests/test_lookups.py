"""The `among` lookup (readouts/models/lookups.py): a list of ids in one parameter."""

import pytest

from readouts.models import Readout, Statement
from tests.factories import make_readout, make_statement

pytestmark = pytest.mark.django_db


def test_among_finds_the_rows_of_the_ids_given_however_many():
    readouts = [make_readout() for _ in range(3)]
    statement = make_statement(readouts[2])
    assert set(Readout.objects.filter(pk__among=[readouts[0].pk, readouts[2].pk])) == {readouts[0], readouts[2]}
    assert not Readout.objects.filter(pk__among=[]).exists()
    # More than SQLite's 32,766 parameters, in one.
    many = [readouts[1].pk, *range(10**6, 10**6 + 40_000)]
    assert list(Readout.objects.filter(pk__among=many)) == [readouts[1]]
    # Through a relation.
    assert list(Statement.objects.filter(readout__among=[readouts[2].pk, readouts[0].pk])) == [statement]

"""The sample archive dates each commitment update as the corpus does (issue 15).

The Riyadh expert talks (corpus event E10) ran from 23 to 25 March 2025 in sessions: US-Ukraine on
23 March, US-Russia on 24 March, US-Ukraine again on 25 March. An update evidenced by those talks
takes the date of the session held between the commitment's parties, not the talks' first day.
"""

import datetime

import pytest
from django.core.management import call_command

from readouts.models import CommitmentUpdate, Readout
from tests.archive_helpers import SAMPLE

RIYADH_TALKS = datetime.date(2025, 3, 23)  # first day of E10, the readout's date

# US-Russia commitments the corpus evidences by E10 (its by_event), by the commitment's readout
# date and its description as worded in the corpus.
US_RUSSIA = [
    # E04, 18 February; outcome note: 'Expert delegations named and met in Riyadh on 24 March'
    ("2025-02-18", "appoint high-level teams to work on ending the Ukraine conflict"),
    # E04, 18 February (Ushakov); outcome sources S112, S110, the US-Russia session's
    ("2025-02-18", "separate teams of negotiators on Ukraine to make contact"),
    # E08, 18 March (White House)
    (
        "2025-03-18",
        "technical negotiations on a Black Sea maritime ceasefire, full ceasefire and permanent peace",
    ),
    # E08, 18 March (Kremlin)
    (
        "2025-03-18",
        "start negotiations on details of a Black Sea navigation-safety arrangement",
    ),
]
# US-Ukraine commitments evidenced by E10: their session began on 23 March.
US_UKRAINE = [
    # E06, 11 March; outcome note: 'Technical-level talks in Riyadh 23-25 Mar.'
    (
        "2025-03-11",
        (
            "name negotiating teams and start negotiations toward durable peace; US to engage Russian "
            "representatives"
        ),
    ),
    # E09, 19 March; outcome note: 'Met in Riyadh on 23 and 25 March.'
    (
        "2025-03-19",
        "meet in Saudi Arabia to discuss extending the ceasefire to the Black Sea, toward a full ceasefire",
    ),
]


@pytest.fixture
def sample(db):
    call_command("loaddata", str(SAMPLE), verbosity=0)


def riyadh_update(readout_date, description):
    talks = Readout.objects.get(date=RIYADH_TALKS, end_date=datetime.date(2025, 3, 25))
    return CommitmentUpdate.objects.get(
        evidence=talks,
        commitment__readout__date=datetime.date.fromisoformat(readout_date),
        commitment__description=description,
    )


@pytest.mark.parametrize(("readout_date", "description"), US_RUSSIA)
def test_us_russia_updates_are_dated_by_the_24_march_session(
    sample, readout_date, description
):
    assert riyadh_update(readout_date, description).date == datetime.date(2025, 3, 24)


@pytest.mark.parametrize(("readout_date", "description"), US_UKRAINE)
def test_us_ukraine_updates_keep_the_23_march_session(
    sample, readout_date, description
):
    assert riyadh_update(readout_date, description).date == datetime.date(2025, 3, 23)


def test_every_riyadh_update_is_one_of_those(sample):
    updates = CommitmentUpdate.objects.filter(evidence__date=RIYADH_TALKS)
    assert updates.count() == len(US_RUSSIA) + len(US_UKRAINE)


def test_no_update_is_dated_before_its_evidence_or_its_readout(sample):
    updates = CommitmentUpdate.objects.select_related("evidence", "commitment__readout")
    dated = [u for u in updates if u.date]
    assert dated
    for update in dated:
        assert update.date >= update.commitment.readout.date, update.pk
        if update.evidence:
            assert update.evidence.date <= update.date, update.pk
            assert update.date <= (update.evidence.end_date or update.evidence.date), (
                update.pk
            )

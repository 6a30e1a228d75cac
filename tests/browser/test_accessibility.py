"""axe-core (the engine Lighthouse's accessibility audit runs) over every kind of public page of
the sample archive, on a wide screen and on a phone: no violation of any rule it runs by
default, WCAG 2.2's 24 px target size and the best practices (unique landmarks, keyboard-
reachable scrolling regions) included."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from readouts import relations
from readouts.comparison import compare_url
from readouts.models import Commitment, Organization, Person, Readout
from tests.archive_helpers import SAMPLE

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (1280, 390)
# axe's defaults, and WCAG 2.2's target size, which Lighthouse checks but axe leaves off by default.
OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def public_pages():
    """One address of each kind of public page, the fullest the sample archive has."""
    readout = Readout.objects.get(date="2025-03-19", slug="trump-zelenskyy-telephone-call")
    first, second = readout.statements.all()[:2]
    person = Person.objects.get(slug="volodymyr-zelenskyy")
    united_states, russia = Organization.objects.get(slug="united-states"), Organization.objects.get(slug="russia")
    topic = readout.topics.first()
    commitment = Commitment.objects.published().order_by("pk").first()
    readouts = reverse("readouts:readout_list")
    return {
        "home": reverse("readouts:home"),
        "readout list": readouts,
        "readout list, filtered": f"{readouts}?organization=russia&format=phone_call",
        "year": reverse("readouts:year_archive", args=[2025]),
        "month": reverse("readouts:month_archive", args=[2025, 3]),
        "readout": readout.get_absolute_url(),
        "comparison": compare_url(readout, first.pk, second.pk),
        "person": person.get_absolute_url(),
        "people": reverse("readouts:person_list"),
        "organization": united_states.get_absolute_url(),
        "organizations": reverse("readouts:organization_list"),
        "topic": topic.get_absolute_url(),
        "topics": reverse("readouts:topic_list"),
        "commitment": commitment.get_absolute_url(),
        "tracker": reverse("readouts:commitment_list"),
        "tracker, filtered": f"{reverse('readouts:commitment_list')}?organization=united-states",
        "who committed what": reverse("readouts:commitment_table"),
        "relations": relations.url(united_states, russia),
        "search": f"{reverse('readouts:search')}?q=ceasefire",
    }


@pytest.fixture
def sample():
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw


def describe(violation):
    nodes = "; ".join(str(node["target"][0]) for node in violation["nodes"][:5])
    return f"{violation['id']} ({violation['impact']}): {violation['help']}, at {nodes}"


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_on_any_public_page(live_server, page, sample, width):
    axe = Axe()
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, url in public_pages().items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, (name, url, response.status)
        # What opens on request (the BibTeX entry, earlier texts) is checked open.
        page.evaluate("document.querySelectorAll('details').forEach(details => details.open = true)")
        violations = axe.run(page, options=OPTIONS).response["violations"]
        if violations:
            found[f"{name} ({url})"] = [describe(violation) for violation in violations]
    assert not found, "\n".join(f"{page_name}:\n  " + "\n  ".join(lines) for page_name, lines in found.items())

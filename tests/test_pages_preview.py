import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from tests.factories import make_editor, make_readout, make_statement

pytestmark = pytest.mark.django_db


def preview_url(readout):
    return reverse("readouts:readout_preview", args=[readout.pk])


@pytest.fixture
def draft():
    readout = make_readout(title="Draft call about grain", status=Readout.Status.DRAFT)
    make_statement(readout, summary="Both sides discussed grain exports.")
    return readout


def test_an_editor_previews_a_draft_as_its_page_will_look(client, draft):
    client.force_login(make_editor())
    response = client.get(preview_url(draft))
    assertContains(response, "Draft call about grain")
    assertContains(response, "Both sides discussed grain exports.")
    assertContains(response, 'class="preview-banner"')
    assertContains(response, '<meta name="robots" content="noindex, nofollow">')
    assertNotContains(response, 'rel="canonical"')
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["anonymous", "reader account", "staff without permissions"])
def test_nobody_else_learns_that_a_draft_exists(client, draft, who):
    if who == "reader account":
        client.force_login(User.objects.create_user("reader"))
    elif who == "staff without permissions":
        client.force_login(User.objects.create_user("outsider", is_staff=True))
    response = client.get(preview_url(draft))
    assert response.status_code == 404
    assertNotContains(response, "Draft call about grain", status_code=404)


def test_the_admin_links_a_draft_to_its_preview_and_a_published_readout_to_its_page(client, draft):
    client.force_login(make_editor())
    change = reverse("admin:readouts_readout_change", args=[draft.pk])
    assertContains(client.get(change), preview_url(draft))
    published = make_readout()
    response = client.get(reverse("admin:readouts_readout_change", args=[published.pk]))
    assertContains(response, f'href="{published.get_absolute_url()}"')

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from tests.factories import make_readout

pytestmark = pytest.mark.django_db


def year_url(year):
    return reverse("readouts:year_archive", args=[year])


def month_url(year, month):
    return reverse("readouts:month_archive", args=[year, month])


def test_year_page_counts_published_readouts_per_month_and_links_months_that_have_some(client):
    make_readout(date=datetime.date(2025, 2, 12))
    make_readout(date=datetime.date(2025, 3, 11))
    make_readout(date=datetime.date(2025, 3, 18))
    make_readout(date=datetime.date(2025, 4, 1), status=Readout.Status.DRAFT)
    response = client.get(year_url(2025))
    counts = [month["count"] for month in response.context["months"]]
    assert counts == [0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assertContains(response, f'href="{month_url(2025, 2)}"')
    assertContains(response, f'href="{month_url(2025, 3)}"')
    assertNotContains(response, f'href="{month_url(2025, 4)}"')
    assertContains(response, "December")


def test_year_page_links_the_other_years(client):
    make_readout(date=datetime.date(2024, 11, 1))
    make_readout(date=datetime.date(2025, 3, 1))
    response = client.get(year_url(2025))
    assertContains(response, f'href="{year_url(2024)}"')


@pytest.mark.parametrize("year", [2024, 0, 9999])
def test_a_year_without_published_readouts_is_not_found(client, year):
    make_readout(date=datetime.date(2025, 3, 1))
    make_readout(date=datetime.date(2024, 3, 1), status=Readout.Status.DRAFT)
    assert client.get(year_url(year)).status_code == 404


def test_month_page_lists_its_published_readouts_and_neighbouring_months(client):
    in_month = make_readout(title="March call", date=datetime.date(2025, 3, 18))
    make_readout(title="Unpublished March call", date=datetime.date(2025, 3, 19), status=Readout.Status.DRAFT)
    make_readout(date=datetime.date(2024, 12, 5))
    make_readout(date=datetime.date(2025, 6, 1))
    make_readout(date=datetime.date(2025, 5, 1), status=Readout.Status.DRAFT)
    response = client.get(month_url(2025, 3))
    assertContains(response, f'href="{in_month.get_absolute_url()}"')
    assertNotContains(response, "Unpublished March call")
    assertContains(response, f'href="{month_url(2024, 12)}"')
    assertContains(response, f'href="{month_url(2025, 6)}"')
    assertNotContains(response, f'href="{month_url(2025, 5)}"')


def test_month_page_is_paginated(client, settings):
    settings.READOUTS_PER_PAGE = 2
    for day in range(1, 6):
        make_readout(date=datetime.date(2025, 3, day))
    response = client.get(month_url(2025, 3), {"page": 3})
    assert len(response.context["page"]) == 1
    assert client.get(month_url(2025, 3), {"page": 4}).status_code == 404
    assert client.get(month_url(2025, 3), {"page": "x"}).status_code == 404


@pytest.mark.parametrize("year, month", [(2025, 4), (2025, 13), (2025, 0), (0, 3)])
def test_an_empty_or_impossible_month_is_not_found(client, year, month):
    make_readout(date=datetime.date(2025, 3, 1))
    make_readout(date=datetime.date(2025, 4, 1), status=Readout.Status.DRAFT)
    assert client.get(month_url(year, month)).status_code == 404


def test_malformed_archive_addresses_are_not_found(client):
    make_readout(date=datetime.date(2025, 3, 1))
    for path in ("/readouts/25/", "/readouts/2025/3/", "/readouts/2025/march/", "/readouts/20255/"):
        assert client.get(path).status_code == 404

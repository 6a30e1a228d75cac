"""The editors' sign-in is throttled per account and per address (django-axes)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_editor

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LIMIT = 5


@pytest.fixture(autouse=True)
def throttling_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def signed_in(response):
    return response.status_code == 302 and response["Location"] == reverse("admin:index")


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = sign_in(client, username, "wrong", address)
        assert response.status_code == 200  # the login form again, with its error


def test_a_wrong_password_is_an_ordinary_failure_below_the_limit(client):
    make_editor(password=PASSWORD)
    fail(client, "editor", LIMIT - 1)
    assert signed_in(sign_in(client, "editor", PASSWORD))


def test_an_account_is_locked_after_the_limit_even_for_the_right_password_from_elsewhere(client):
    make_editor(password=PASSWORD)
    fail(client, "editor", LIMIT - 1)
    response = sign_in(client, "editor", "wrong")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "<title>Sign-in paused | Readouts editors</title>" in response.content.decode()

    refused = sign_in(client, "editor", PASSWORD, address="198.51.100.20")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_address_is_locked_after_the_limit_for_every_account(client):
    make_editor(password=PASSWORD)
    make_editor(username="other", password=PASSWORD)
    for number in range(LIMIT):
        sign_in(client, f"nobody{number}", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    # The same accounts sign in from another address: only that address was locked.
    assert signed_in(sign_in(client, "other", PASSWORD, address="198.51.100.20"))


def test_the_lock_ends_with_the_cool_off(client, settings):
    make_editor(password=PASSWORD)
    fail(client, "editor", LIMIT - 1)
    assert sign_in(client, "editor", "wrong").status_code == 429
    settings.AXES_COOLOFF_TIME = settings.AXES_COOLOFF_TIME * 0  # the cool-off has passed
    assert signed_in(sign_in(client, "editor", PASSWORD))


def test_an_operator_unlocks_an_account(client):
    make_editor(password=PASSWORD)
    fail(client, "editor", LIMIT - 1)
    assert sign_in(client, "editor", "wrong").status_code == 429

    call_command("axes_reset_username", "editor")
    assert signed_in(sign_in(client, "editor", PASSWORD))


def test_behind_a_proxy_the_forwarded_address_is_counted(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_editor(password=PASSWORD)
    for number in range(LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": f"nobody{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7",
        )
    # Another client through the same proxy is not locked out with the first...
    assert signed_in(
        client.post(
            reverse("admin:login"),
            {"username": "editor", "password": PASSWORD, "next": reverse("admin:index")},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.99",
        )
    )
    client.logout()
    # ...while the first is, whatever it writes to the left of what the proxy appended.
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
    )
    assert response.status_code == 429


def test_an_operator_unlocks_an_address(client):
    make_editor(password=PASSWORD)
    for number in range(LIMIT):
        sign_in(client, f"nobody{number}", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429

    call_command("axes_reset_ip", "203.0.113.7")
    assert signed_in(sign_in(client, "editor", PASSWORD))

"""Every page names its icon, and /favicon.ico answers for clients that ask without looking."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_answers_with_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file's signature
    assert body == open(finders.find("img/favicon.ico"), "rb").read()
    assert "max-age=86400" in response["Cache-Control"]


def test_favicon_ico_refuses_a_post(client):
    assert client.post("/favicon.ico").status_code == 405


def test_pages_link_icons_that_exist(client):
    html = client.get(reverse("readouts:home")).content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html)
    assert sorted(icons) == ["img/apple-touch-icon.png", "img/favicon.ico", "img/favicon.svg"]
    for icon in icons:
        assert finders.find(icon), icon

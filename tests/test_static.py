"""collectstatic with the production storage: hashed, compressed CSS that pages refer to."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_collectstatic_writes_hashed_and_compressed_css(production_static):
    css = production_static / "css"
    hashed = [path.name for path in css.iterdir() if re.fullmatch(r"readouts\.[0-9a-f]{12}\.css", path.name)]
    assert len(hashed) == 1
    assert (css / f"{hashed[0]}.gz").exists()
    assert (css / f"{hashed[0]}.br").exists()  # whitenoise writes Brotli when brotli is installed
    assert (production_static / "staticfiles.json").exists()


def test_pages_refer_to_the_hashed_stylesheet(client, production_static):
    html = client.get(reverse("readouts:home")).content.decode()
    assert re.search(r'href="/static/css/readouts\.[0-9a-f]{12}\.css"', html)

"""The site's URLs under /elsewhere/: a second URLconf for tests/test_addresses.py."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include("config.urls"))]

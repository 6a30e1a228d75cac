"""The site's absolute addresses, always built from settings.READOUTS_BASE_URL.

A request's Host (or X-Forwarded-Host) never reaches a page: pages are cached for every reader,
and one request naming another host or port would otherwise put it into the canonical link, the
feeds or the sitemap that everyone gets.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings


def absolute(path):
    """The absolute address of a root-relative path, e.g. "/readouts/?page=2"."""
    return settings.READOUTS_BASE_URL + path


class CanonicalRequest:
    """A request as if it had been addressed to the canonical origin, for Django's feeds and
    sitemaps, which make their addresses absolute with the request's host and scheme."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    @property
    def scheme(self):
        return urlsplit(settings.READOUTS_BASE_URL).scheme

    def is_secure(self):
        return self.scheme == "https"

    def get_host(self):
        return urlsplit(settings.READOUTS_BASE_URL).netloc

    def build_absolute_uri(self, location=None):
        if location is None:
            return absolute(self._request.get_full_path())
        return urljoin(absolute(self._request.path), location)

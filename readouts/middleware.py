import logging

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from . import caching, compression
from .caching import DATABASE_DOWN, page_key
from .filters import CommitmentFilter, ReadoutFilter
from .outage import unavailable
from .search import DATE

logger = logging.getLogger(__name__)

# Never served from the cache: the editors' screens and previews, and the API, whose clients
# expect every answer fresh and whose responses DRF does not make to be stored.
UNCACHED_PREFIXES = ("/admin/", "/preview/", "/api/")

# Every query parameter a page reads: the lists' filters, the page number (the sitemap's `p`),
# the search and its order. Others are dropped before the view sees them (normalise_query).
KNOWN_PARAMETERS = {"page", "p", "q", "order", *ReadoutFilter.base_filters, *CommitmentFilter.base_filters}
# The parameters only some pages read, by how their path ends: the comparison of two statements.
PAGE_PARAMETERS = {"/compare/": {"a", "b"}}
NUMBERS = {"page", "p", "a", "b"}
# Parameters whose other values the view reads as their absence.
CLOSED = {"order": {DATE}}


def normalise_query(request):
    """Keep only the parameters the archive reads, non-empty, page numbers without leading
    zeros, and of a closed set only the values it knows: the page then depends on nothing else.
    Their order is kept (links keep it too); the page key sorts them (readouts.caching)."""
    kept = QueryDict(mutable=True)
    known = KNOWN_PARAMETERS.union(*(names for end, names in PAGE_PARAMETERS.items() if request.path.endswith(end)))
    for name in [name for name in request.GET if name in known]:
        values = [value for value in request.GET.getlist(name) if value]
        if name in NUMBERS:
            # Not int(): Python refuses to read a number of more than 4,300 digits.
            values = [value.lstrip("0") or "0" if value.isascii() and value.isdigit() else value for value in values]
        if name in CLOSED:
            values = [value for value in values if value in CLOSED[name]]
        if values:
            kept.setlist(name, values)
    query = kept.urlencode()
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query, encoding=request.encoding)


class ReaderPageCacheMiddleware:
    """Serve anonymous readers' GET requests from the cache, stored per archive edition, and
    answer 304 when the reader's copy is of the current edition.

    Django's own cache middleware keys pages by address and headers only, so an edit would show
    only once the page expired; here the key carries the edition (readouts.caching), the query
    string normalised (normalise_query) and the encoding the page is stored in (compressed by
    PublicCompressionMiddleware, below this one: a page is compressed once, not per request).
    A visitor with a session (an editor) always gets a fresh page, and so does any response that
    sets a cookie, is not a 200, or says it must not be stored (never_cache). When the edition
    cannot be read (the database is down) a cached page is still served under the last edition
    known, and any other is a 503.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Refuse a host not in ALLOWED_HOSTS (400) here, where a cached page would otherwise be
        # served before CommonMiddleware checks it.
        request.get_host()
        if request.method in ("GET", "HEAD") and not request.path.startswith(UNCACHED_PREFIXES):
            normalise_query(request)
        if not self.cacheable(request):
            return self.get_response(request)
        try:
            key = page_key(request, compression.chosen(request.META.get("HTTP_ACCEPT_ENCODING", "")))
            etag, last_modified = caching.validators()
        except DATABASE_DOWN:
            logger.warning("Database unavailable and no archive edition known: 503 for %s", request.path)
            return unavailable()
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self.validated(not_modified, etag, last_modified)
        response = cache.get(key)
        if response is not None:
            return response
        if caching.database_down():
            return unavailable()
        response = self.get_response(request)
        if self.public(response):
            self.validated(response, etag, last_modified)
            if not response.streaming:
                cache.set(key, response, settings.READOUTS_CACHE_SECONDS)
        return response

    @staticmethod
    def cacheable(request):
        return (
            settings.READOUTS_PAGE_CACHE
            and settings.READOUTS_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(UNCACHED_PREFIXES)
        )

    @staticmethod
    def public(response):
        """The same for every reader: cached, and validated."""
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def validated(response, etag, last_modified):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_vary_headers(response, ("Accept-Encoding",))  # on a 304 too, as on the page
        # Without it, browsers keep a page with a Last-Modified for a while without asking again.
        response.setdefault("Cache-Control", "no-cache")
        return response


class DatabaseOutageMiddleware:
    """A view whose query fails because the database cannot be reached answers 503, with
    Retry-After, in the site's design, rather than 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.warning("Database unavailable: 503 for %s (%s)", request.path, exception)
            return unavailable()
        return None


class PublicCompressionMiddleware:
    """Brotli or gzip, as the client accepts, for what every reader gets alike: pages, feeds,
    CSV and the API. Never for a response that may carry a secret beside text a request put
    there (BREACH): the editors' screens and previews, a visitor with a session, a response that
    uses a CSRF token or sets a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(("/admin/", "/preview/"))
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or response.cookies
            or not compression.compressible(response)
        ):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = compression.chosen(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if encoding and response.status_code == 200:
            compression.compress(response, encoding)
        return response

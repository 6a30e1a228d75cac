from django.conf import settings
from django.core.cache import cache

from . import appearances, caching
from .caching import page_key

# Never served from the cache: the editors' screens and previews, and the API, whose clients
# expect every answer fresh and whose responses DRF does not make to be stored.
UNCACHED_PREFIXES = ("/admin/", "/preview/", "/api/")


class ReaderPageCacheMiddleware:
    """Serve anonymous readers' GET requests from the cache, stored per archive edition.

    Django's own cache middleware keys pages by address and headers only, so an edit would show
    only once the page expired; here the key carries the edition (readouts.caching). A visitor
    with a session (an editor) always gets a fresh page, and so does any response that sets a
    cookie, is not a 200, or says it must not be stored (never_cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable(request):
            return self.get_response(request)
        key = page_key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.storable(response):
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
    def storable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )


class AppearancesMiddleware:
    """Rewrite the appearance rows of the readouts a request changed once, when it ends
    (readouts.appearances.deferred), then move the edition on: a page cached between the edit
    and the rewrite is retired with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with appearances.deferred() as changed:
            response = self.get_response(request)
        if changed:
            caching.bump()
        return response

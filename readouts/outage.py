"""What a reader gets while the database cannot be reached: a 503 in the site's design, with
Retry-After, never a 500 (readouts.middleware answers with it for the page cache and for views;
server_error for an error raised anywhere else, e.g. by a middleware)."""

import sys

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from .caching import DATABASE_DOWN

# Seconds a client is asked to wait.
RETRY_AFTER = 10


def unavailable():
    """The 503 page, made without the database (nor the request, whose context processors would
    read the session)."""
    return HttpResponse(render_to_string("503.html"), status=503, headers={"Retry-After": str(RETRY_AFTER)})


def server_error(request):
    """Django's 500 page, but the 503 when the error is the database's (handler500)."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable()
    return defaults.server_error(request)

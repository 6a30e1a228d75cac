"""Sign-in throttling with django-axes: whose address counts, and what a locked-out editor sees."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_ip(request):
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the
    entry TRUSTED_PROXY_COUNT places from the right is the one written by our own outermost
    proxy; anything to its left was sent by the client and could be forged.
    """
    count = settings.TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote_addr
    return forwarded[-count]


def locked_out(request, original_response=None, credentials=None):
    """The sign-in page's own look, saying why the attempt was refused and what to do (429)."""
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in paused",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)

"""The sitemap, robots.txt, the OpenSearch description and /favicon.ico: what crawlers and
browsers ask the site for, each with absolute addresses at the canonical origin (readouts.origin)."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.staticfiles import finders
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ..origin import CanonicalRequest


def sitemap_index(request, **kwargs):
    # Django's sitemaps take the host from the request when the sites framework is not installed.
    return sitemap_views.index(CanonicalRequest(request), **kwargs)


def sitemap_section(request, **kwargs):
    return sitemap_views.sitemap(CanonicalRequest(request), **kwargs)


@require_safe
def robots_txt(request):
    return render(
        request, "syndication/robots.txt", {"origin": settings.READOUTS_BASE_URL}, content_type="text/plain; charset=utf-8"
    )


@require_safe
def opensearch(request):
    """Lets a browser search the archive from its address bar (linked from every page's head)."""
    return render(
        request,
        "syndication/opensearch.xml",
        {"origin": settings.READOUTS_BASE_URL},
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request):
    """The icon at the address browsers and feed readers try without asking the page
    (pages link the SVG and this file from static/img/)."""
    return FileResponse(open(finders.find("img/favicon.ico"), "rb"), content_type="image/vnd.microsoft.icon")

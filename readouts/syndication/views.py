"""robots.txt, the OpenSearch description and /favicon.ico: what crawlers and browsers ask the
site for."""

from django.contrib.staticfiles import finders
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    return render(request, "syndication/robots.txt", content_type="text/plain; charset=utf-8")


@require_safe
def opensearch(request):
    """Lets a browser search the archive from its address bar (linked from every page's head)."""
    return render(
        request, "syndication/opensearch.xml", content_type="application/opensearchdescription+xml; charset=utf-8"
    )


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request):
    """The icon at the address browsers and feed readers try without asking the page
    (pages link the SVG and this file from static/img/)."""
    return FileResponse(open(finders.find("img/favicon.ico"), "rb"), content_type="image/vnd.microsoft.icon")

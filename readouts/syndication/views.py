"""robots.txt and the OpenSearch description: what crawlers and browsers ask the site for."""

from django.shortcuts import render
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

"""Pagination shared by every list: a bad or out-of-range page number is a 404, never a 500."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, items, per_page=None, count=None):
    """The requested page of `items`; `count`, where the caller has counted them already, spares
    the paginator its own COUNT query (the search counts its results with its facets)."""
    paginator = Paginator(items, per_page or settings.READOUTS_PER_PAGE)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page.")

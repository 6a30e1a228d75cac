"""Pagination shared by every list: a bad or out-of-range page number is a 404, never a 500."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, items, per_page=None):
    paginator = Paginator(items, per_page or settings.READOUTS_PER_PAGE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page.")

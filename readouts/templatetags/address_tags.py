"""The page's own address for <head>: its canonical address and its neighbours in a list."""

from django import template

from .. import origin
from .readouts_tags import changed_query

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute address a page is known by; "" where there is no request (the error page).

    The unfiltered lists' pages are each their own canonical (page 2 holds other readouts than
    page 1: pointing it at page 1 would hide them from search engines). A filtered or sorted
    list, and a search, points at the bare list (or the search page): their addresses combine
    without end into near-copies of it, and what they find is on the bare list's pages anyway.
    """
    request = context.get("request")
    if request is None:
        return ""
    path, page = request.path, request.GET.get("page", "")
    if set(request.GET) == {"page"} and page.isdigit() and int(page) > 1:
        path = f"{path}?page={int(page)}"
    return origin.absolute(path)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The absolute address of another page of the same list, its filters kept."""
    request = context["request"]
    query = changed_query(request, page=None if number == 1 else number)
    return origin.absolute(query if query.startswith("/") else request.path + query)

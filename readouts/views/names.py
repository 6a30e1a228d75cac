"""People typed by name in a filter's box are sent on to the address that names them by slug:
the address a reader shares then keeps naming them (filters.NameField)."""

from django.shortcuts import redirect


def by_slug(request, filterset):
    """A redirect to the address of what a valid filterset found, with the slug of each person
    it found by name; None where the address gives every one by slug already."""
    query = filterset.by_slug(request.GET)
    return None if query is None else redirect(f"{request.path}?{query.urlencode()}")

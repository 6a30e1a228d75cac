"""Former addresses: what a detail page answers when no live object holds its address."""

from django.http import Http404, HttpResponsePermanentRedirect

from ..models import FormerAddress


def moved_or_404(request, kind, suffix=""):
    """301 to today's address of the `kind` ("readout", "person"…) that once lived at the
    requested address, the query string kept; 404 if none did, or if its own page is a 404 too
    (a draft readout; a person, organization or topic in no published readout). One query.
    `suffix`: the end of the path under the object's own address (a readout's "compare/"), kept
    too."""
    path = request.path_info
    if not path.endswith(suffix):
        raise Http404(f"No {kind} at this address.")
    owner = FormerAddress.objects.owner_of(path[: len(path) - len(suffix)], kind)
    if owner is None or not (owner.is_published if kind == "readout" else owner.is_public):
        raise Http404(f"No {kind} at this address.")
    url = owner.get_absolute_url() + suffix
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


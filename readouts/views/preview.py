from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from .. import readout_page
from ..models import Readout


def can_preview(user):
    return user.is_active and user.is_staff and user.has_perm("readouts.view_readout")


@never_cache
def readout_preview(request, pk):
    """A draft as its public page will look, for editors only; anyone else is told nothing exists."""
    if not can_preview(request.user):
        raise Http404("No such readout.")
    readout = get_object_or_404(readout_page.preload(Readout.objects.all()), pk=pk)
    context = {**readout_page.context(readout), "preview": True}
    response = render(request, "readouts/readout_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import caching, readout_page
from ..filters import ReadoutFilter
from ..models import Readout
from . import names
from .moved import moved_or_404
from .paging import paginate_readout_ids


def readout_list(request):
    filterset = ReadoutFilter(request.GET, queryset=Readout.objects.published().newest_first())
    # An invalid filter shows its error instead of silently listing everything else.
    valid = filterset.is_valid()
    if valid and (moved := names.by_slug(request, filterset)):
        return moved
    filtered = any(value not in (None, "") for value in filterset.form.cleaned_data.values())
    # Unfiltered, the count is the archive's: once per edition (7 ms at 100,000 readouts).
    count = caching.figures("published-readouts", Readout.objects.published().count) if valid and not filtered else None
    context = {
        "filterset": filterset,
        "filtered": filtered,
        "page": paginate_readout_ids(request, filterset.readout_ids(), count=count) if valid else None,
    }
    return render(request, "readouts/readout_list.html", context, status=200 if valid else 400)


def readout_detail(request, year, month, day, slug):
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise Http404("No such date.")
    try:
        readout = readout_page.preload(Readout.objects.published()).get(date=date, slug=slug)
    except Readout.DoesNotExist:
        return moved_or_404(request, "readout")
    return render(request, "readouts/readout_detail.html", readout_page.context(readout))


def readout_short(request, pk):
    """The permanent short address: it outlives any change of the readout's date or slug."""
    readout = get_object_or_404(Readout.objects.published().only("pk", "date", "slug"), pk=pk)
    return redirect(readout, permanent=True)

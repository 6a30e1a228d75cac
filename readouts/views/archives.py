"""Date archives: a year with its months, a month with its readouts."""

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.http import Http404
from django.shortcuts import render

from ..models import Readout
from .paging import paginate_readouts


def year_archive(request, year):
    if year < datetime.MINYEAR:
        raise Http404("No such year.")
    counts = dict(
        Readout.objects.published()
        .filter(date__year=year)
        .annotate(month=ExtractMonth("date"))
        .values_list("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    if not counts:
        raise Http404("No published readouts in this year.")
    context = {
        "year": year,
        "months": [
            {"date": datetime.date(year, month, 1), "count": counts.get(month, 0)} for month in range(1, 13)
        ],
        "total": sum(counts.values()),
        "years": Readout.objects.published().dates("date", "year"),
    }
    return render(request, "readouts/year_archive.html", context)


def month_archive(request, year, month):
    try:
        first_day = datetime.date(year, month, 1)
    except ValueError:
        raise Http404("No such month.")
    in_month = Readout.objects.published().filter(date__year=year, date__month=month)
    page = paginate_readouts(request, in_month.newest_first())
    if not page.paginator.count:
        raise Http404("No published readouts in this month.")
    published = Readout.objects.published()
    earlier = published.filter(date__lt=first_day).order_by("-date").values_list("date", flat=True).first()
    later = (
        published.filter(date__gte=_next_month(first_day)).order_by("date").values_list("date", flat=True).first()
    )
    context = {
        "month": first_day,
        "page": page,
        "previous_month": earlier and earlier.replace(day=1),
        "next_month": later and later.replace(day=1),
    }
    return render(request, "readouts/month_archive.html", context)


def _next_month(first_day):
    return (first_day + datetime.timedelta(days=32)).replace(day=1)

"""CSV downloads of the readout list and the commitment list, with the pages' own filters.

Every row of the filtered list, streamed: rows are read in chunks (rows.py), written as they
come and never held together, so a download of 100,000 readouts takes no more memory than one
of ten thousand.
"""

import csv

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import origin
from ..filters import CommitmentFilter, ReadoutFilter
from ..models import Commitment, Readout, Statement
from . import rows

CHUNK_SIZE = 2000
BOM = "\ufeff"  # Excel reads the file as UTF-8 only with it


class Line:
    """A file-like object that hands back what csv.writer writes, one line at a time."""

    def write(self, value):
        return value


def stream(header, lines):
    writer = csv.writer(Line())
    yield BOM + writer.writerow(header)
    for line in lines:
        yield writer.writerow([rows.cell(value) for value in line])


def csv_response(name, header, lines):
    response = StreamingHttpResponse(stream(header, lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


def invalid(filterset):
    """The filters' errors, as the list page would show them, in plain text."""
    lines = [
        f"{filterset.form.fields[field].label if field in filterset.form.fields else field}: {message}"
        for field, messages in filterset.form.errors.items()
        for message in messages
    ]
    return HttpResponse(
        "The filters could not be understood:\n" + "\n".join(lines) + "\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def readouts_csv(request):
    filterset = ReadoutFilter(request.GET, queryset=Readout.objects.published().newest_first())
    if not filterset.is_valid():
        return invalid(filterset)
    statements = (
        Statement.objects.filter(readout=OuterRef("pk")).order_by().values("readout").annotate(n=Count("pk")).values("n")
    )
    readouts = filterset.qs.annotate(statement_count=Coalesce(Subquery(statements), 0))
    return csv_response("readouts", rows.READOUT_COLUMNS, rows.readout_rows(readouts, origin.absolute(""), CHUNK_SIZE))


@require_safe
def commitments_csv(request):
    commitments = Commitment.objects.published().order_by("-readout__date", "-readout__id", "position", "id")
    filterset = CommitmentFilter(request.GET, queryset=commitments)
    if not filterset.is_valid():
        return invalid(filterset)
    lines = rows.commitment_rows(filterset.qs, origin.absolute(""), CHUNK_SIZE)
    return csv_response("commitments", rows.COMMITMENT_COLUMNS, lines)

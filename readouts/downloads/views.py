"""CSV downloads of the readout list and the commitment list, with the pages' own filters, and
of what a search found (`q`, with the same filters, in the search's order).

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

from .. import origin, search
from ..filters import CommitmentFilter, ReadoutFilter
from ..models import Commitment, Readout, Statement
from ..search import DATE, RELEVANCE, parse
from ..search.names import with_other_spellings
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
    return bad_request("The filters could not be understood:\n" + "\n".join(lines))


def bad_request(text):
    return HttpResponse(text + "\n", status=400, content_type="text/plain; charset=utf-8")


def searched(request, readouts):
    """The readouts that the search in `q` finds among these, as the search page finds them (other
    spellings of names included), best first or, with ?order=date, newest first; None for a `q`
    with nothing to search for."""
    query = parse(request.GET["q"])
    if not query.is_searchable:
        return None
    order = DATE if request.GET.get("order") == DATE else RELEVANCE
    return search.search(readouts, with_other_spellings(query), order)


@require_safe
def readouts_csv(request):
    filterset = ReadoutFilter(request.GET, queryset=Readout.objects.published().newest_first())
    if not filterset.is_valid():
        return invalid(filterset)
    statements = (
        Statement.objects.filter(readout=OuterRef("pk")).order_by().values("readout").annotate(n=Count("pk")).values("n")
    )
    readouts = filterset.qs
    if request.GET.get("q", "").strip():
        readouts = searched(request, readouts)
        if readouts is None:
            return bad_request(
                f"There is nothing to search for in “{request.GET['q']}”: search for words or numbers "
                "(punctuation, operators and leaving words out alone are ignored)."
            )
    readouts = readouts.annotate(statement_count=Coalesce(Subquery(statements), 0))
    return csv_response("readouts", rows.READOUT_COLUMNS, rows.readout_rows(readouts, origin.absolute(""), CHUNK_SIZE))


@require_safe
def commitments_csv(request):
    commitments = Commitment.objects.published().order_by("-readout__date", "-readout__id", "position", "id")
    filterset = CommitmentFilter(request.GET, queryset=commitments)
    if not filterset.is_valid():
        return invalid(filterset)
    lines = rows.commitment_rows(filterset.qs, origin.absolute(""), CHUNK_SIZE)
    return csv_response("commitments", rows.COMMITMENT_COLUMNS, lines)

"""Writing the index: reindex some readouts (readouts.derived does, on commit), or rebuild it all."""

from django.db import connection, transaction

from ..models import Readout
from . import engine
from .documents import read_documents

BATCH = 500


def reindex(readout_ids):
    """Bring these readouts' documents up to date: published ones are (re)written, others removed."""
    readout_ids = sorted(set(readout_ids))
    for start in range(0, len(readout_ids), BATCH):
        batch = readout_ids[start : start + BATCH]
        with transaction.atomic(), connection.cursor() as cursor:
            engine().delete(cursor, batch)
            engine().insert(cursor, read_documents(batch))


def rebuild(progress=None):
    """Empty the index and index every published readout, in batches, in one transaction (readers
    see the old index until it is done). `progress(done, total)` is called after each batch."""
    published = Readout.objects.published().order_by("pk").values_list("pk", flat=True)
    with transaction.atomic():
        total = published.count()
        with connection.cursor() as cursor:
            engine().clear(cursor)
        done, last = 0, 0
        while True:
            batch = list(published.filter(pk__gt=last)[:BATCH])
            if not batch:
                break
            with connection.cursor() as cursor:
                engine().insert(cursor, read_documents(batch))
            done, last = done + len(batch), batch[-1]
            if progress:
                progress(done, total)
        with connection.cursor() as cursor:
            engine().optimize(cursor)
    return done

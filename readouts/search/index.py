"""Writing the index: reindex some readouts, rebuild it all, or reindex once a transaction commits."""

from django.db import connection, transaction

from .. import caching
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
            caching.bump()  # search pages cached before this batch found the old documents


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
        caching.bump()
    return done


class _PendingReindex:
    """The readouts one transaction changed: registered with on_commit once, and reindexed once."""

    def __init__(self, readout_ids):
        self.readout_ids = set(readout_ids)
        self.done = False
        self.__qualname__ = "reindex_on_commit"  # how Django's log names a failed callback

    def __call__(self):
        self.done = True
        reindex(self.readout_ids)


def reindex_on_commit(readout_ids):
    """Reindex these readouts once the current transaction commits (at once outside one).

    The ids gather in the transaction's one callback, so that one admin save, which touches a
    readout and many of its rows, reindexes each readout once. The callback lives in Django's
    list of the transaction's on_commit callbacks, so a rollback discards the ids with it. A
    failure is logged, not raised (robust): the editor's change is committed by then, and
    rebuild_search_index repairs the index.
    """
    readout_ids = set(readout_ids)
    if not readout_ids:
        return
    callbacks = transaction.get_connection().run_on_commit
    pending = next(
        (f for _, f, _ in reversed(callbacks) if isinstance(f, _PendingReindex) and not f.done), None
    )
    if pending:
        pending.readout_ids |= readout_ids
    else:
        transaction.on_commit(_PendingReindex(readout_ids), robust=True)

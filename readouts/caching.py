"""Caching for readers: whole pages for anonymous visitors, and the archive-wide figures that
are too costly to compute per request (counts over every participation of 100,000 readouts).

Everything is stored under the archive's edition (models.ArchiveEdition), which any change to
the archive's rows moves on, in the same transaction. An edit is therefore visible on the next
request in every process, whatever the cache backend; the timeout only bounds memory and covers
writes that bypass signals (bulk_create, QuerySet.update), which call bump() themselves.
"""

import datetime
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import appearances
from .models import ArchiveEdition, SearchDocument, SearchRanking, SearchText

# Rows that change no page by themselves: the edition itself, and the tables derived from the
# archive (the search index, the appearances), rewritten only after a change that already moved
# the edition.
NOT_CONTENT = {
    ArchiveEdition,
    SearchDocument,
    SearchRanking,
    SearchText,
    *(model for model, _, _ in appearances.tables()),
    *appearances.counts(),
}

# How long a process trusts the edition it last read. A second of staleness after an edit, in
# exchange for no database query at all on most cached pages.
EDITION_TTL = 1.0
_seen = {"edition": None, "until": 0.0}


def edition():
    now = time.monotonic()
    if _seen["edition"] is None or now >= _seen["until"]:
        _seen.update(edition=ArchiveEdition.current(), until=now + EDITION_TTL)
    return _seen["edition"]


def bump():
    ArchiveEdition.bump()
    _seen["edition"] = None  # this process sees its own edit at once


def figures(name, compute):
    """A value computed once per edition."""
    if settings.READOUTS_CACHE_SECONDS <= 0:
        return compute()
    key = f"readouts:figures:{edition()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.READOUTS_CACHE_SECONDS)
    return value


def page_key(request):
    # The date too: a readout page's citation gives the date it was accessed.
    return f"readouts:page:{edition()}:{datetime.date.today():%Y%m%d}:{request.get_full_path()}"


def _changed(sender, raw=False, **kwargs):
    bump()


def connect():
    models = [model for model in apps.get_app_config("readouts").get_models() if model not in NOT_CONTENT]
    for model in models:
        post_save.connect(_changed, sender=model, dispatch_uid=f"edition-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"edition-delete-{model.__name__}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_changed, sender=through, dispatch_uid=f"edition-m2m-{through.__name__}")

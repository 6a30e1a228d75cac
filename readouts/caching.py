"""Caching for readers: whole pages for anonymous visitors, and the archive-wide figures that
are too costly to compute per request (counts over every participation of 100,000 readouts).

Everything is stored under the archive's edition (models.ArchiveEdition), which the write path
(readouts/derived.py) moves on once per transaction that changed the archive, after refreshing
what is derived from it. An edit is therefore visible on the next request in every process,
whatever the cache backend; the timeout only bounds memory and covers writes that bypass
signals (bulk_create, QuerySet.update), which call bump() themselves. kept() stores a value
under a name that says itself what the value depends on (a pair's version: views/relations.py).
"""

import datetime
import functools
import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .models import ArchiveEdition

# What a database that is down, restarting or unreachable raises.
DATABASE_DOWN = (OperationalError, InterfaceError)

# How long a process trusts the edition it last read. A second of staleness after an edit, in
# exchange for no database query at all on most cached pages.
EDITION_TTL = 1.0
_seen = {"edition": None, "changed_at": None, "until": 0.0, "down": False}
# The newest edition any process read, in the shared cache: what a process falls back on when
# the database cannot be read.
EDITION_KEY = "readouts:edition"


def edition():
    _refresh()
    return _seen["edition"]


def changed_at():
    """When the archive last changed (its edition's moment)."""
    _refresh()
    return _seen["changed_at"]


def _refresh():
    now = time.monotonic()
    if _seen["edition"] is not None and now < _seen["until"]:
        return
    try:
        number, moment = ArchiveEdition.read()
    except DATABASE_DOWN:
        # While the database is down nothing can change: the newest edition this process or any
        # other sharing its cache last read (an edit committed under a second before the outage
        # may be missing). Tried again in EDITION_TTL; with no edition known at all, the error.
        known = [seen for seen in (_last_known(), cache.get(EDITION_KEY)) if seen]
        number, moment = max(known, key=lambda seen: seen[0], default=(None, None))
        if number is None:
            raise
        down = True
    else:
        _share(number, moment)
        down = False
    _seen.update(edition=number, changed_at=moment, until=now + EDITION_TTL, down=down)


def database_down():
    """Whether the edition in use is the last one known, the database having failed to give it."""
    return _seen["down"]


def _last_known():
    return (_seen["edition"], _seen["changed_at"]) if _seen["edition"] is not None else None


def _share(number, moment):
    if settings.READOUTS_CACHE_SECONDS > 0:
        cache.set(EDITION_KEY, (number, moment), None)


def bump():
    ArchiveEdition.bump()
    _seen["until"] = 0.0  # this process sees its own edit at once


def figures(name, compute):
    """A value computed once per edition."""
    if settings.READOUTS_CACHE_SECONDS <= 0:  # before the edition, which takes a query
        return compute()
    return kept(f"{edition()}:{name}", compute)


def kept(name, compute, seconds=None):
    """A value computed once under `name`, which names everything the value depends on
    (figures() puts the edition in it), for `seconds` (READOUTS_CACHE_SECONDS by default)."""
    if settings.READOUTS_CACHE_SECONDS <= 0:
        return compute()
    key = f"readouts:figures:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds or settings.READOUTS_CACHE_SECONDS)
    return value


@functools.cache
def release():
    """A fingerprint of the code, templates and static files that make the pages, the same in
    every process of one deployment: a deployment that changes them retires the pages in a
    shared cache and the readers' validators, though the edition has not moved."""
    digest = hashlib.blake2b(digest_size=4)
    for folder in ("config", "readouts", "templates", "static"):
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.is_file() and path.suffix in RELEASE_SUFFIXES:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


RELEASE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg"}


def page_key(request, encoding):
    # The date too: a readout page's citation gives the date it was accessed. And the encoding
    # (br, gzip or none): pages are stored compressed, once for each.
    day = f"{timezone.localdate():%Y%m%d}"
    # The parameters in a stable order: ?a=1&b=2 and ?b=2&a=1 are one page (their links list
    # the parameters in the order of the first request, an equivalent address).
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    # Hashed: an address may be long and hold any character, which some cache servers refuse.
    address = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"readouts:page:{release()}:{edition()}:{day}:{encoding or 'identity'}:{address}"


def validators():
    """The ETag and Last-Modified (a timestamp) of a public page: they change when the archive
    does, and at midnight, as the page key does (and the ETag with the release). The ETag is
    weak: a page is the same whether sent compressed or not."""
    today = timezone.localdate()
    midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=timezone.get_current_timezone())
    moment = max(changed_at() or midnight, midnight)
    return f'W/"{release()}-{edition()}-{today:%Y%m%d}"', int(moment.timestamp())  # HTTP dates are to the second

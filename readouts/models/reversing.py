"""Objects' addresses, reversed once: a page of 25 readouts asks for about 150 readout, topic and
person addresses, and Django's reverse() takes ~25 µs each (3–4 ms of a page). An address
depends only on the URLconf, the script prefix and its arguments, so each is kept per process,
keyed by all of them; a change of ROOT_URLCONF (in tests) forgets them."""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def address(viewname, *args):
    """reverse(viewname, args=args), from the memo when it was asked for before."""
    return _reversed(get_urlconf(), get_script_prefix(), viewname, args)


def slug_addresses(viewname):
    """address(viewname, slug) as a function of the slug, for a list of links: address() looks
    up the URLconf and script prefix (thread- and task-local values) for each address, which
    was half of a topic link's time; this looks them up once for the list."""
    urlconf, prefix = get_urlconf(), get_script_prefix()
    return lambda slug: _reversed(urlconf, prefix, viewname, (slug,))


@lru_cache(maxsize=20_000)  # a few MB: every address of a busy hour's pages
def _reversed(urlconf, prefix, viewname, args):
    return reverse(viewname, urlconf=urlconf, args=args)


def readout_address(date, slug):
    """A readout's page, from its date and slug alone (lists read as values, such as a CSV or a
    timeline's marks, need no Readout instance): the URLconf's beginning of every readout's
    address, then the date and slug as its converters write them. A readout's is the address
    asked for most, nearly always for the first time in a process (a pair's first view reads
    500, a CSV one a row), where reverse() took ~50 µs each."""
    head = _readout_head(get_urlconf(), get_script_prefix())
    if head is None or not SLUG.fullmatch(slug):
        return address("readouts:readout_detail", date.year, date.month, date.day, slug)
    return f"{head}{date.year:04d}/{date.month:02d}/{date.day:02d}/{slug}/"


# The <slug:> converter's; another slug is reverse()'s to refuse.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SENTINEL = ("2999", "11", "22", "sentinel")


@lru_cache(maxsize=16)
def _readout_head(urlconf, prefix):
    """What reverse() puts before a sentinel readout's date and slug, or None if the URLconf
    writes a readout's address in another shape (readout_address() then reverses each one)."""
    tail = "/".join(SENTINEL) + "/"
    sentinel = reverse("readouts:readout_detail", urlconf=urlconf, args=SENTINEL)
    return sentinel.removesuffix(tail) if sentinel.endswith("/" + tail) else None


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
        _readout_head.cache_clear()

"""Objects' addresses, reversed once: a page of 25 readouts asks for about 150 readout, topic and
person addresses, and Django's reverse() takes ~25 µs each (3–4 ms of a page). An address
depends only on the URLconf, the script prefix and its arguments, so each is kept per process,
keyed by all of them; a change of ROOT_URLCONF (in tests) forgets them."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def address(viewname, *args):
    """reverse(viewname, args=args), from the memo when it was asked for before."""
    return _reversed(get_urlconf(), get_script_prefix(), viewname, args)


@lru_cache(maxsize=20_000)  # a few MB: every address of a busy hour's pages
def _reversed(urlconf, prefix, viewname, args):
    return reverse(viewname, urlconf=urlconf, args=args)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()

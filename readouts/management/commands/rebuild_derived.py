"""Derive everything that is derived from the archive again: the appearance tables, the counts
beside them and the search index. After loaddata (which saves rows raw, without the signals of
the write path), or to repair what check_derived reports. import_archive and
build_synthetic_archive do it themselves."""

import time

from django.core.management.base import BaseCommand

from readouts import caching, derived
from readouts.progress import Progress
from readouts.search import index


class Command(BaseCommand):
    help = "Derive the appearance tables, the counts and the search index of every published readout again."

    def handle(self, **options):
        verbose = options["verbosity"] >= 1
        started = time.monotonic()
        derived.rebuild()
        if verbose:
            self.stdout.write(f"Rebuilt the appearance and count tables in {time.monotonic() - started:.1f} s.")
        indexing = time.monotonic()
        count = index.rebuild(Progress(self.stderr, "indexing readouts") if verbose else None)
        caching.bump()
        if verbose:
            self.stdout.write(f"Indexed {count:,} published readouts in {time.monotonic() - indexing:.1f} s.")

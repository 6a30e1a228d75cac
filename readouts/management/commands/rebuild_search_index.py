"""Rebuild the search index from scratch: after loaddata (which saves raw, without the signals
that keep the index current), after a bulk import, or to repair it."""

import time

from django.core.management.base import BaseCommand

from readouts.progress import Progress
from readouts.search import index


class Command(BaseCommand):
    help = "Empty the search index and index every published readout again."

    def handle(self, **options):
        verbose = options["verbosity"] >= 1
        started = time.monotonic()
        progress = Progress(self.stderr, "indexing readouts") if verbose else None
        count = index.rebuild(progress)
        if verbose:
            self.stdout.write(f"Indexed {count:,} published readouts in {time.monotonic() - started:.1f} s.")

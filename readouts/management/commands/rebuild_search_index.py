"""Rebuild the search index from scratch: after loaddata (which saves raw, without the signals
that keep the index current), after a bulk import, or to repair it."""

import time

from django.core.management.base import BaseCommand

from readouts.search import index


class Command(BaseCommand):
    help = "Empty the search index and index every published readout again."

    def handle(self, **options):
        verbose = options["verbosity"] >= 1
        started = time.monotonic()
        interactive = self.stderr.isatty()

        def progress(done, total):
            # A line rewritten in place on a terminal; a line every tenth otherwise (logs, CI).
            if interactive:
                self.stderr.write(f"\rIndexed {done:,} of {total:,} readouts ({done / total:.0%})", ending="")
            elif done == total or done * 10 // total != (done - index.BATCH) * 10 // total:
                self.stderr.write(f"Indexed {done:,} of {total:,} readouts ({done / total:.0%})")

        count = index.rebuild(progress if verbose else None)
        if verbose:
            if interactive and count:
                self.stderr.write("")
            self.stdout.write(f"Indexed {count:,} published readouts in {time.monotonic() - started:.1f} s.")

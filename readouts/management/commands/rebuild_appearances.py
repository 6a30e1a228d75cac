"""Derive the appearance tables again from the archive: after loaddata (which saves raw, without
the signals that keep them current), or to repair them. import_archive and
build_synthetic_archive do it themselves."""

import time

from django.core.management.base import BaseCommand

from readouts import appearances, caching


class Command(BaseCommand):
    help = "Derive every published readout's people, organizations and topics again (the appearance tables)."

    def handle(self, **options):
        started = time.monotonic()
        appearances.rebuild()
        caching.bump()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Rebuilt the appearance tables in {time.monotonic() - started:.1f} s.")

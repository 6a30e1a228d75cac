"""Compare every derived table with what its definition gives now (readouts/drift.py): exit 0
when all agree, and otherwise list, per table, how many rows are missing or extra, with a few
of them by name, and exit 1. `rebuild_derived` repairs them."""

import time

from django.core.management.base import BaseCommand, CommandError

from readouts import drift


class Command(BaseCommand):
    help = "Check that the appearance tables, the counts and the search index hold what the archive gives."

    def handle(self, **options):
        started = time.monotonic()
        drifts = drift.check()
        for each in drifts:
            self.stdout.write(each.report())
        if drifts:
            raise CommandError(
                f"{len(drifts)} derived table(s) differ from the archive (listed above); "
                "`manage.py rebuild_derived` derives them again."
            )
        if options["verbosity"] >= 1:
            self.stdout.write(f"Every derived table agrees with the archive ({time.monotonic() - started:.1f} s).")

"""The build_synthetic_archive command, run by scripts/build_synthetic_archive.py.

Every row it makes is marked is_synthetic (readouts, people, organizations, topics, sources),
and readout titles start with "Synthetic: ". It refuses to mix synthetic readouts into a real
archive unless told to (--alongside-real), since every public list, count and search would
show them, and it refuses to add a second synthetic archive on top of a first (slugs would
clash): --clear removes the first. See scripts/synthetic/ for the shapes it builds.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from readouts import caching, derived
from readouts.models import Readout
from readouts.progress import Progress
from readouts.search import index

from .archive import SyntheticArchive
from .clearing import clear_synthetic, synthetic_counts


class Command(BaseCommand):
    help = "Build a synthetic archive of N readouts (marked is_synthetic) for scale tests and benchmarks."
    # Django is set up before the options are read: these two would do nothing here.
    suppressed_base_arguments = {"--settings", "--pythonpath"}

    def add_arguments(self, parser):
        parser.add_argument("n", type=int, help="How many readouts to build (0 with --clear: only remove).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed builds the same archive.")
        parser.add_argument(
            "--clear", action="store_true", help="First remove every synthetic row (real rows are kept)."
        )
        parser.add_argument(
            "--alongside-real",
            action="store_true",
            help="Build even though the database holds real readouts: they will be listed together.",
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="Readouts per transaction (default 2,000).")
        parser.add_argument("--no-search-index", action="store_true", help="Do not rebuild the search index at the end.")

    def handle(self, n, seed, clear, alongside_real, batch_size, no_search_index, **options):
        if n < 0:
            raise CommandError("N must be 0 or more.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        real = Readout.objects.filter(is_synthetic=False).count()
        if n and real and not alongside_real:
            raise CommandError(
                f"The database holds {real} real readout(s). Synthetic readouts would be listed, counted and "
                "found by search next to them. Use an empty database (e.g. DATABASE_URL=sqlite:////tmp/scale.sqlite3), "
                "or pass --alongside-real if that is what you want."
            )
        verbose = options["verbosity"] >= 1
        started = time.monotonic()
        if clear:
            deleted = clear_synthetic()
            if verbose:
                summary = ", ".join(f"{count:,} {label}" for label, count in deleted.items() if count)
                self.stdout.write(f"Removed the synthetic rows: {summary or 'there were none'}.")
        elif n:
            existing = Readout.objects.filter(is_synthetic=True).count()
            if existing or any(synthetic_counts().values()):
                raise CommandError(
                    f"The database already holds a synthetic archive ({existing:,} readouts). "
                    "Pass --clear to replace it."
                )
        if n:
            archive = SyntheticArchive(
                n, seed=seed, batch_size=batch_size, progress=Progress(self.stderr) if verbose else None
            )
            counts = archive.build()
            if verbose:
                built = time.monotonic() - started
                self.stdout.write(
                    f"Built {counts['readouts']:,} synthetic readouts in {built:.1f} s: "
                    + ", ".join(f"{value:,} {key}" for key, value in counts.items() if key != "readouts")
                    + "."
                )
        if n or clear:
            # bulk_create sends no signals: derive the appearances and counts, retire cached pages.
            derived.rebuild()
            caching.bump()
        if (n or clear) and not no_search_index:
            # Nor does the search index learn of the new rows but here.
            indexing = time.monotonic()
            index.rebuild(Progress(self.stderr, "indexing readouts") if verbose else None)
            caching.bump()
            if verbose:
                self.stdout.write(f"Rebuilt the search index in {time.monotonic() - indexing:.1f} s.")
        if verbose:
            self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

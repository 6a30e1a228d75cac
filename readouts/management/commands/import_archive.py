"""Import an archive file (docs/archive-format.md): check every record, then write all or nothing.

    manage.py import_archive backup.json --dry-run      # only check
    manage.py import_archive backup.json
"""

import json
import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from readouts import caching, derived
from readouts.archive import load, validate
from readouts.progress import Progress
from readouts.search import index

MEGABYTE = 1024 * 1024
# About 70,000 readouts of the synthetic archive's size; the import needs some 3 GB for it.
MAX_MEGABYTES = 1024


class Command(BaseCommand):
    help = "Import an archive file: records already in the database are updated, the others created."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive, as export_archive writes it.")
        parser.add_argument("--dry-run", action="store_true", help="Only check the file; write nothing.")
        parser.add_argument("--progress", action="store_true", help="Show progress on stderr even when not a terminal.")
        parser.add_argument(
            "--max-size",
            type=int,
            default=MAX_MEGABYTES,
            metavar="MB",
            help=f"Refuse a larger file (default {MAX_MEGABYTES:,} MB; the import holds about three times "
            "the file's size in memory).",
        )

    def handle(self, file, dry_run, progress, max_size, **options):
        verbose = options["verbosity"] >= 1
        started = time.monotonic()
        reporter = Progress(self.stderr) if progress or self.stderr.isatty() else None
        data = read(file, max_size)
        checked = validate.check(data, reporter)
        if checked.errors:
            for path, message in checked.sorted_errors():
                self.stderr.write(f"{path or '(the whole file)'}: {message}")
            raise CommandError(f"{len(checked.errors):,} error(s) in {file}, listed above; nothing was imported.")
        if dry_run:
            if verbose:
                self.stdout.write(f"{file} is a valid archive: {summary(checked.counts)}. Nothing was written.")
            return
        with transaction.atomic():
            changes = load.load(data, checked.found, reporter)
            # Bulk writes send no signals: derive the appearances and counts here, with the rows.
            derived.rebuild()
            caching.bump()
        if any(any(counts.values()) for counts in changes.values()):
            # And the search index, in batches, after.
            count = index.rebuild(Progress(self.stderr, "indexing readouts") if verbose else None)
            caching.bump()
            if verbose:
                self.stdout.write(f"Indexed {count:,} published readouts.")
        if verbose:
            self.stdout.write(f"Imported {file} in {time.monotonic() - started:.1f} s: {describe(changes)}")


def read(file, max_megabytes):
    try:
        with open(file, encoding="utf-8-sig") as handle:  # a byte-order mark is harmless
            size = os.fstat(handle.fileno()).st_size
            if size > max_megabytes * MEGABYTE:
                raise CommandError(
                    f"{file} is {size / MEGABYTE:,.0f} MB, more than the {max_megabytes:,} MB an import reads "
                    "(--max-size); nothing was imported."
                )
            return json.load(handle, object_pairs_hook=validate.json_object)
    except FileNotFoundError:
        raise CommandError(f"No such file: {file}.") from None
    except IsADirectoryError:
        raise CommandError(f"{file} is a directory, not an archive file.") from None
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
    except UnicodeDecodeError as error:
        raise CommandError(f"{file} is not UTF-8 text (byte {error.start}).") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise CommandError(f"{file} is not valid JSON: {error.msg} at {where}.") from None
    except RecursionError:
        raise CommandError(f"{file} nests too deeply to be an archive.") from None


def summary(counts):
    return ", ".join(f"{count:,} {name.replace('_', ' ')}" for name, count in sorted(counts.items()))


def describe(changes):
    lines = []
    for name, counts in sorted(changes.items()):
        done = [f"{counts[what]:,} {what}" for what in ("created", "updated", "deleted") if counts[what]]
        if done:
            lines.append(f"\n  {name}: {', '.join(done)}")
    return "".join(lines) or "nothing changed."

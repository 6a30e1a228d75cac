"""Export the archive, or part of it, as one JSON file (docs/archive-format.md).

    manage.py export_archive --output backup.json            # everything, drafts included
    manage.py export_archive --published-only --output public.json
"""

import datetime
import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from readouts.archive.export import Selection, write_archive
from readouts.progress import Progress
from readouts.models import Person, Topic


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = "Export the archive as JSON: everything (an operator's backup), or the readouts a filter picks."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", default="-", help="The file to write ('-', the default: stdout).")
        parser.add_argument(
            "--published-only", action="store_true", help="Leave out drafts and all that belongs to them only."
        )
        parser.add_argument("--since", help="Readouts of this day (YYYY-MM-DD) or later.")
        parser.add_argument("--until", help="Readouts of this day (YYYY-MM-DD) or earlier.")
        parser.add_argument("--topic", metavar="SLUG", help="Readouts about this topic or one of its subtopics.")
        parser.add_argument("--person", metavar="SLUG", help="Readouts of this person, as on their page.")
        synthetic = parser.add_mutually_exclusive_group()
        synthetic.add_argument(
            "--include-synthetic", dest="exclude_synthetic", action="store_false", help="Keep synthetic rows (default)."
        )
        synthetic.add_argument(
            "--exclude-synthetic", dest="exclude_synthetic", action="store_true", help="Leave out synthetic rows."
        )
        parser.set_defaults(exclude_synthetic=False)
        parser.add_argument(
            "--stamp", action="store_true", help="Record the time of the export (the file then differs on each run)."
        )
        parser.add_argument("--progress", action="store_true", help="Show progress on stderr even when not a terminal.")

    def handle(self, output, since, until, topic, person, stamp, progress, **options):
        selection = Selection(
            published_only=options["published_only"],
            since=since and iso_date(since),
            until=until and iso_date(until),
            topic=topic and self.find(Topic, topic),
            person=person and self.find(Person, person),
            exclude_synthetic=options["exclude_synthetic"],
        )
        if selection.since and selection.until and selection.since > selection.until:
            raise CommandError("--since is after --until.")
        exported_at = timezone.now() if stamp else None
        reporter = Progress(self.stderr) if progress or self.stderr.isatty() else None
        started = time.monotonic()
        if output == "-":
            counts = write_archive(RawOutput(self.stdout), selection, exported_at, reporter)
        else:
            # Written beside the target and renamed at the end: a failed export leaves no half file.
            partial = f"{output}.partial"
            try:
                with open(partial, "w", encoding="utf-8") as handle:
                    counts = write_archive(handle, selection, exported_at, reporter)
                os.replace(partial, output)
            except OSError as error:
                raise CommandError(f"Cannot write {error.filename}: {error.strerror}.") from None
            finally:
                if os.path.exists(partial):
                    os.remove(partial)
        if options["verbosity"] >= 1:
            where = "stdout" if output == "-" else output
            self.stderr.write(
                f"Exported {counts['readouts']:,} readouts, {counts['statements']:,} statements, "
                f"{counts['people']:,} people to {where} in {time.monotonic() - started:.1f} s."
            )

    def find(self, model, slug):
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            raise CommandError(f"No {model._meta.verbose_name} has the slug {slug!r}.") from None


class RawOutput:
    """The command's stdout without the newline Django adds to each write."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")

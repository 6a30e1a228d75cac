"""The progress line of the long commands (rebuild_derived, export_archive, import_archive,
scripts/build_synthetic_archive.py): redrawn in place on a terminal, a line every tenth in a log."""

import time

WIDTH = 30


class Progress:
    """Writes to a command's self.stderr (Django's OutputWrapper). Steps are started with start()
    and moved with update() or advance(); called as progress(done, total), it is the callback
    that search.index.rebuild() takes, and starts its step itself."""

    def __init__(self, stream, label=""):
        self.stream, self.label = stream, label
        self.tty = stream.isatty()
        self.total = None

    def start(self, total, label=None):
        self.total, self.label, self.done, self.tenth = total, label or self.label, 0, -1
        self.started = time.monotonic()

    def advance(self, n):
        self.update(self.done + n)

    def __call__(self, done, total):
        if self.total != total:
            self.start(total)
        self.update(done)

    def update(self, done):
        self.done = done
        fraction = done / self.total if self.total else 1
        elapsed = time.monotonic() - self.started
        left = elapsed / fraction - elapsed if fraction else 0
        filled = int(WIDTH * fraction)
        line = (
            f"{self.label} [{'#' * filled}{'-' * (WIDTH - filled)}] {done:,}/{self.total:,} {fraction:.0%}, "
            f"{elapsed:.0f} s, ~{left:.0f} s left"
        )
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done >= self.total else ""), ending="")
        elif int(fraction * 10) > self.tenth or done >= self.total:
            self.tenth = int(fraction * 10)
            self.stream.write(line)
        self.stream.flush()

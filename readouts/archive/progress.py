import time


class Progress:
    """A progress line on stderr: redrawn in place on a terminal, a line every tenth otherwise."""

    def __init__(self, stream):
        self.stream = stream  # a command's self.stderr (Django's OutputWrapper)
        self.tty = stream.isatty()

    def start(self, total, label):
        self.total, self.label, self.done, self.tenth = total, label, 0, -1
        self.started = time.monotonic()

    def advance(self, n):
        self.done += n
        fraction = self.done / self.total if self.total else 1
        line = f"{self.label}: {self.done:,}/{self.total:,} ({fraction:.0%}, {time.monotonic() - self.started:.0f} s)"
        if self.tty:
            self.stream.write("\r" + line + ("\n" if self.done >= self.total else ""), ending="")
        elif int(fraction * 10) > self.tenth:
            self.tenth = int(fraction * 10)
            self.stream.write(line)
        self.stream.flush()

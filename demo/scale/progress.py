"""A small progress bar for long commands, written to stderr.

On a terminal the bar is redrawn in place (at most ten times a second); elsewhere
(CI logs, pipes) only the finished line is written, so logs are not flooded.
"""

import time

from django.core.management.base import OutputWrapper

BAR_WIDTH = 28
REDRAW_EVERY = 0.1  # seconds


class Progress:
    """`label [#####-----]  1,200/20,000  0:41` for one step of a command."""

    def __init__(self, stream, label, total, *, enabled=True):
        self.stream = (
            stream if isinstance(stream, OutputWrapper) else OutputWrapper(stream)
        )
        self.label = label
        self.total = total
        self.done = 0
        self.enabled = enabled
        self.interactive = enabled and _isatty(stream)
        self.started = time.monotonic()
        self._drawn_at = 0.0
        if self.interactive:
            self._draw()

    @property
    def elapsed(self):
        return time.monotonic() - self.started

    def advance(self, count=1):
        self.done = min(self.total, self.done + count)
        if self.interactive and time.monotonic() - self._drawn_at >= REDRAW_EVERY:
            self._draw()

    def close(self):
        if self.enabled:
            self._draw(final=True)

    def line(self):
        filled = BAR_WIDTH * self.done // self.total if self.total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        minutes, seconds = divmod(int(self.elapsed), 60)
        return (
            f"{self.label:<16} [{bar}] {self.done:>7,}/{self.total:<7,} "
            f"{minutes}:{seconds:02d}"
        )

    def _draw(self, final=False):
        self._drawn_at = time.monotonic()
        # Plain text: a command's stderr is styled as errors (red) on a terminal.
        if self.interactive:
            ending = "\n" if final else ""
            self.stream.write("\r" + self.line(), style_func=str, ending=ending)
        else:
            self.stream.write(self.line(), style_func=str)
        self.stream.flush()


def _isatty(stream):
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False

"""A tiny progress indicator on standard error (no third-party dependency).

On a terminal it draws one bar that is redrawn in place; otherwise (a pipe, a
log file, a test) it prints one line per step, so logs stay readable.

>>> import io
>>> stream = io.StringIO()
>>> bar = Progress(2, stream=stream, prefix="demo")
>>> bar.step("first")
>>> bar.step("second")
>>> bar.close()
>>> print(stream.getvalue(), end="")
demo: [1/2] first
demo: [2/2] second
"""

from __future__ import annotations

import sys
import time
from typing import IO

__all__ = ["Progress"]


class Progress:
    """Progress over ``total`` named steps, written to ``stream`` (default stderr).

    ``step(label)`` announces that the step ``label`` starts; ``close()`` ends the
    bar. ``tty=None`` detects whether ``stream`` is a terminal.
    """

    def __init__(self, total: int, stream: IO[str] | None = None, prefix: str = "nusym",
                 tty: bool | None = None, width: int = 24) -> None:
        self.total = max(int(total), 1)
        self.stream = sys.stderr if stream is None else stream
        if tty is None:
            isatty = getattr(self.stream, "isatty", None)
            try:
                tty = bool(isatty()) if callable(isatty) else False
            except (ValueError, OSError):
                tty = False
        self.tty = tty
        self.prefix = prefix
        self.width = width
        self.done = 0
        self.start = time.monotonic()
        self._last_len = 0

    def _draw(self, label: str) -> None:
        filled = int(self.width * min(self.done, self.total) / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.monotonic() - self.start
        text = f"{self.prefix}: [{bar}] {self.done}/{self.total} {elapsed:5.1f}s {label}"
        pad = " " * max(self._last_len - len(text), 0)
        self.stream.write("\r" + text + pad)
        self.stream.flush()
        self._last_len = len(text)

    def step(self, label: str) -> None:
        """Announce the next step (counts it as started)."""
        self.done += 1
        if self.tty:
            self._draw(label)
        else:
            self.stream.write(f"{self.prefix}: [{self.done}/{self.total}] {label}\n")
            self.stream.flush()

    def close(self, message: str = "") -> None:
        """Finish the bar (on a terminal: final redraw and newline)."""
        if self.tty:
            self.done = self.total
            self._draw(message or "done")
            self.stream.write("\n")
            self.stream.flush()
        elif message:
            self.stream.write(f"{self.prefix}: {message}\n")
            self.stream.flush()

    def abort(self) -> None:
        """Stop without finishing (an error or Ctrl-C): on a terminal, end the bar's line
        so that the next message starts on a line of its own. Never raises.

        >>> import io
        >>> stream = io.StringIO()
        >>> bar = Progress(3, stream=stream, tty=True)
        >>> bar.step("a"); bar.abort()
        >>> stream.getvalue().endswith("a\\n")
        True
        """
        if self.tty and self.done:
            try:
                self.stream.write("\n")
                self.stream.flush()
            except (OSError, ValueError):
                pass

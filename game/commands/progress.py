"""The one progress bar of the long commands (audit, class-report): a line on the terminal,
nothing when the stream is a file or a pipe, so logs and redirected output stay clean."""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


class ProgressBar:
    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.count = 0

    def show(self, done: int, label: str) -> None:
        if not self.live:
            return
        filled = WIDTH * done // max(1, self.total)
        self.stream.write(f"\r[{'#' * filled}{'-' * (WIDTH - filled)}] {label:<40}")
        self.stream.flush()

    def step(self, label: str) -> None:
        """Show the steps done so far, then count this one."""
        self.show(self.count, label)
        self.count += 1

    def finish(self, keep: bool = False) -> None:
        """End the bar's line: keep it (a final count worth reading) or wipe it."""
        if self.live:
            self.stream.write("\n" if keep else "\r" + " " * (WIDTH + 45) + "\r")
            self.stream.flush()

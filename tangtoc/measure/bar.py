"""A progress bar for long measurements: redrawn in place on a terminal, one line per step
otherwise (a log, a pipe, the tests)."""

import shutil
import sys
import time


class ProgressBar:
    def __init__(self, total: int, stream=None):
        self.total, self.done = max(1, total), 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.tty = self.stream.isatty()

    def step(self, text: str = "") -> None:
        self.done = min(self.total, self.done + 1)
        elapsed = f"{time.monotonic() - self.started:.0f} giây"
        if not self.tty:
            print(f"[{self.done}/{self.total}] {text} ({elapsed})", file=self.stream, flush=True)
            return
        width = 24
        filled = round(width * self.done / self.total)
        line = (f"[{'█' * filled}{'░' * (width - filled)}] {self.done}/{self.total} "
                f"{elapsed} · {text}")
        columns = shutil.get_terminal_size().columns - 1
        if len(line) > columns:  # a wrapped line cannot be redrawn in place
            line = line[:max(0, columns - 1)] + "…"
        self.stream.write(f"\r\033[K{line}")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()

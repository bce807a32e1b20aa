"""A spinner with elapsed seconds while a check runs, on a terminal; one plain line otherwise."""

import shutil
import sys
import threading
import time

FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class Spinner:
    def __init__(self, text: str, stream=None, interval: float = 0.1):
        self.text, self.interval = text, interval
        self.stream = stream or sys.stdout
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._spin, daemon=True)

    def __enter__(self):
        if self.stream.isatty():
            self._thread.start()
        else:
            print(self.text, file=self.stream, flush=True)
        return self

    def update(self, text: str) -> None:
        """New text: redrawn by the next frame on a terminal, a new line otherwise."""
        if text == self.text:
            return
        self.text = text
        if not self._thread.is_alive():
            print(text, file=self.stream, flush=True)

    def __exit__(self, *exc_info) -> None:
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join()
            self.stream.write("\r\033[K")  # leave a clean line for the verdict
            self.stream.flush()

    def _spin(self) -> None:
        started = time.monotonic()
        width = shutil.get_terminal_size().columns - 1
        frame = 0
        while not self._stop.wait(self.interval if frame else 0):
            elapsed = f" ({time.monotonic() - started:.0f} giây)"
            text = self.text
            if len(text) + len(elapsed) + 2 > width:  # a wrapped line cannot be redrawn in place
                text = text[:max(0, width - len(elapsed) - 3)] + "…"
            self.stream.write(f"\r\033[K{FRAMES[frame % len(FRAMES)]} {text}{elapsed}")
            self.stream.flush()
            frame += 1


def show(text: str) -> Spinner:
    return Spinner(text)

"""Reading a child's output streams in the background, keeping no more than asked.

Each reader is a daemon thread started at once that drains its stream until the writer closes
it, so a child never blocks on a full pipe, however much it writes; join() it, then read what
it kept.
"""

import contextlib
import json
import threading


class JsonLinesReader(threading.Thread):
    """The JSON objects, one per line, of a stream (the judge's private pipe); any other line
    is skipped."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream, self.messages = stream, []
        self.start()

    def run(self) -> None:
        with self.stream:
            for line in self.stream:
                with contextlib.suppress(ValueError):
                    message = json.loads(line)
                    if isinstance(message, dict):
                        self.messages.append(message)


class TailReader(threading.Thread):
    """Keeps only the end of an output of any size (a submission may print megabytes)."""

    def __init__(self, stream, chars: int):
        super().__init__(daemon=True)
        self.stream, self.chars, self.tail = stream, chars, b""
        self.start()

    def run(self) -> None:
        with self.stream:
            while chunk := self.stream.read(65536):
                self.tail = (self.tail + chunk)[-4 * self.chars:]

    def text(self) -> str:
        """The last `chars` characters read (UTF-8, undecodable bytes replaced)."""
        return self.tail.decode("utf-8", "replace")[-self.chars:]

"""Find shared-memory segments that a call left behind (Linux: the files in /dev/shm).

`multiprocessing.shared_memory` segments live in /dev/shm until someone unlinks them, even after
every process that used them has exited. The judge takes a snapshot before a call and looks
again after the runner (and everything it started) has gone; a segment that appeared and is
still there after a short grace period was leaked. Named semaphores (`sem.*`) are not segments.
"""

import contextlib
import os
import time
from pathlib import Path

SHM_DIR = Path("/dev/shm")
GRACE_SECONDS = 3.0  # a segment of a test running beside this one disappears within this time
LEAK_WARNING = "leaked shared_memory"  # what the resource tracker prints when it cleans up


def segments() -> set[str]:
    """Names of the shared-memory segments that exist now (empty where /dev/shm is absent)."""
    try:
        return {entry.name for entry in SHM_DIR.iterdir() if not entry.name.startswith("sem.")}
    except OSError:
        return set()


def segments_seen_by(pid: int) -> set[str] | None:
    """The segments in the /dev/shm of process `pid`'s mount namespace (a sandbox's private
    one: the judge cannot see it in its own /dev/shm), through /proc/PID/root; None if
    unreadable (the process is gone, or no /proc)."""
    try:
        folder = Path("/proc") / str(pid) / "root" / "dev" / "shm"
        return {entry.name for entry in folder.iterdir() if not entry.name.startswith("sem.")}
    except OSError:
        return None


def leftovers(before: set[str], grace: float = GRACE_SECONDS) -> set[str]:
    """Segments created since `before` that still exist once `grace` seconds have passed."""
    deadline = time.monotonic() + grace
    while (new := segments() - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    return new


def remove(names: set[str]) -> None:
    """Unlink leaked segments so that the judge itself leaves nothing behind."""
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(SHM_DIR / name)


@contextlib.contextmanager
def watch(grace: float = GRACE_SECONDS):
    """`with watch() as leaked:` fills `leaked` with the segments the block left behind
    (then removes them), also when the block raises."""
    before = segments()
    leaked: set[str] = set()
    try:
        yield leaked
    finally:
        leaked |= leftovers(before, grace)
        remove(leaked)

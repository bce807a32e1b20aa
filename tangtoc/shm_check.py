"""Find shared-memory segments that a call left behind (Linux: the files in /dev/shm): the one
place of the package that reads or sweeps /dev/shm (a project test keeps it so).

`multiprocessing.shared_memory` segments live in /dev/shm until someone unlinks them, even after
every process that used them has exited. The judge takes a snapshot before a call and looks
again after the runner (and everything it started) has gone; a segment that appeared and is
still there after a short grace period was leaked. Named semaphores (`sem.*`) are not segments.
"""

import contextlib
import os
import time
from pathlib import Path

from tangtoc import processes

SHM_DIR = Path("/dev/shm")
GRACE_SECONDS = 3.0  # a segment of a test running beside this one disappears within this time
LEAK_WARNING = "leaked shared_memory"  # what the resource tracker prints when it cleans up
MP_SEMAPHORE = "sem.mp-"  # multiprocessing's named semaphores (a SemLock under spawn/forkserver)


def _names(folder: Path | int, semaphores: bool) -> set[str]:
    return {name for name in os.listdir(folder) if semaphores or not name.startswith("sem.")}


def segments(semaphores: bool = False) -> set[str]:
    """Names of the shared-memory segments that exist now, with semaphores the named
    semaphores too (empty where /dev/shm is absent)."""
    try:
        return _names(SHM_DIR, semaphores)
    except OSError:
        return set()


def segments_seen_by(pid: int) -> set[str] | None:
    """The segments in the /dev/shm of process `pid`'s mount namespace (a sandbox's private
    one: the judge cannot see it in its own /dev/shm), through /proc/PID/root; None if
    unreadable (the process is gone, or no /proc)."""
    try:
        return _names(_seen_by(pid), semaphores=False)
    except OSError:
        return None


def _seen_by(pid: int) -> Path:
    return processes.root(pid) / SHM_DIR.relative_to("/")


@contextlib.contextmanager
def held_open():
    """`with held_open() as folder:` call folder.hold(pid) while process `pid` of a sandbox
    lives; folder.segments() then lists that sandbox's /dev/shm (None if never held), also
    after every process of the sandbox has gone and its mounts with them: an open handle keeps
    the private tmpfs readable."""
    folder = _HeldFolder()
    try:
        yield folder
    finally:
        if folder.handle is not None:
            os.close(folder.handle)


class _HeldFolder:
    def __init__(self):
        self.handle: int | None = None

    def hold(self, pid: int) -> bool:
        """Hold the /dev/shm of pid's mount namespace (once); False if it cannot be read."""
        if self.handle is None:
            with contextlib.suppress(OSError):
                self.handle = os.open(_seen_by(pid), os.O_RDONLY | os.O_DIRECTORY)
        return self.handle is not None

    def segments(self) -> set[str] | None:
        return None if self.handle is None else _names(self.handle, semaphores=False)


def leftovers(before: set[str], grace: float = GRACE_SECONDS, semaphores: bool = False) -> set[str]:
    """Segments (with semaphores, named semaphores too) created since `before` that still exist
    once `grace` seconds have passed and that no live process holds: one still mapped or open
    belongs to a test running beside this one (pytest-xdist), whose call has not ended."""
    deadline = time.monotonic() + grace
    while (new := segments(semaphores) - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    return {name for name in new if not processes.file_in_use(SHM_DIR / name)}


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


@contextlib.contextmanager
def orphan_semaphores_swept():
    """Around a call and the killing of its processes: afterwards, unlink multiprocessing's
    named semaphores that appeared meanwhile and that no live process holds. Killing a call can
    orphan one (a process killed between creating it and registering it with the resource
    tracker: CI saw one sem.mp-* left after a whole suite). Its creator keeps it mapped while
    alive, so an unheld one is garbage nobody can use; shared-memory segments, which a student
    must unlink and the graded tests look for, are never touched here."""
    before = segments(semaphores=True)
    try:
        yield
    finally:
        orphans = {name for name in segments(semaphores=True) - before
                   if name.startswith(MP_SEMAPHORE)
                   and not processes.file_in_use(SHM_DIR / name)}
        remove(orphans)

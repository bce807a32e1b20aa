"""Job slots claimed machine-wide: two grading runs at once never share a slot's uids.

A root grader runs each job slot's calls as their own unprivileged uids (candidate_uid(slot)
and the next one for the baseline). Limits such as the number of processes are counted per
uid, so a submission fork-bombing in one run would starve a classmate graded at the same time
by another run if both used slot 0. Each slot is held by an exclusive lock on a file in a
root-only folder for as long as the run lasts; the kernel releases it when the grader exits,
even when killed.
"""

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from tangtoc import bubblewrap

MAX_SLOTS = 200  # uids FIRST_UID .. FIRST_UID + 399
LOCKS = Path("/run/tangtoc-slots")  # root-only: no local user can hold a slot to block us


class NoFreeSlot(RuntimeError):
    """Every slot is held by other grading runs."""


def candidate_uid(slot: int) -> int:
    """The uid a root grader runs slot's candidate calls as (the baseline's is the next one,
    tangtoc.bubblewrap)."""
    return bubblewrap.FIRST_UID + 2 * slot


@contextlib.contextmanager
def claimed(count: int, folder: Path = LOCKS) -> Iterator[list[int]]:
    """Up to `count` (at least one) free slots, held until the block ends. Without root no
    uid is switched, so slots need no claiming: 0 .. count-1."""
    if os.geteuid() != 0:
        yield list(range(count))
        return
    folder.mkdir(mode=0o700, exist_ok=True)
    held: dict[int, int] = {}
    try:
        for slot in range(MAX_SLOTS):
            if len(held) == count:
                break
            handle = os.open(folder / f"{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                continue
            held[slot] = handle
        if not held:
            raise NoFreeSlot(f"cả {MAX_SLOTS} chỗ chấm đều đang được các lần chấm khác dùng")
        yield sorted(held)
    finally:
        for handle in held.values():
            os.close(handle)

"""Nothing a check started outlives the `tangtoc` that started it, even when `tangtoc` is
killed with SIGKILL (which no handler sees).

`reaped(env)` tags the environment of the pytest run it wraps (REAPER_VARIABLE, inherited by
the runners, the student's code and whatever that starts) and starts a reaper beside it: a small
process in its own session whose standard input is a pipe that only the calling process can
write to. However the caller ends, the kernel closes that pipe; the reaper then kills every
process still carrying the tag, until none is left. After a normal end there is nothing left,
and the reaper exits at once.

    python -m tangtoc.reaper TAG     (started by reaped(), never by hand)
"""

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator

REAPER_VARIABLE = "TANGTOC_CHECK_TAG"
QUIET_ROUNDS = 3  # scans in a row that found nothing: whatever was forking has stopped
ROUND_SECONDS = 0.1
GIVE_UP_SECONDS = 60.0


@contextlib.contextmanager
def reaped(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """The environment to start the run with; on leaving (or on this process's death), every
    process started with it is killed."""
    if not sys.platform.startswith("linux"):  # the reaper finds processes through /proc
        yield env
        return
    import secrets

    tag = secrets.token_hex(8)
    read_end, write_end = os.pipe()  # not inherited by other children (PEP 446)
    own = {name: value for name, value in env.items() if name != REAPER_VARIABLE}
    try:
        subprocess.Popen([sys.executable, "-m", "tangtoc.reaper", tag], stdin=read_end,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=own,
                         start_new_session=True)
    finally:
        os.close(read_end)
    try:
        yield {**own, REAPER_VARIABLE: tag}
    finally:
        os.close(write_end)  # the reaper's signal to clean up; its exit is not waited for


def reap(tag: str) -> None:
    """SIGKILL every process carrying the tag until QUIET_ROUNDS scans in a row find none."""
    from tangtoc.processes import kill_tagged

    quiet, deadline = 0, time.monotonic() + GIVE_UP_SECONDS
    while quiet < QUIET_ROUNDS and time.monotonic() < deadline:
        quiet = 0 if kill_tagged(tag, REAPER_VARIABLE) else quiet + 1
        time.sleep(ROUND_SECONDS)


def main() -> None:
    with contextlib.suppress(OSError):
        while os.read(0, 4096):  # nobody writes: this returns b"" once the caller is gone
            pass
    reap(sys.argv[1])


if __name__ == "__main__":
    main()

"""Child side of the runner: import one exercise module and call one of its functions.

Run as `python -m tangtoc.runner_child SPEC_JSON`. Frames travel over the child's original
stdin/stdout, which are moved to private descriptors before any student code is imported, so
a print() in the submission lands on stderr instead of corrupting a frame. The request is read
before the student's module is imported, so import-time code cannot take it.

Nothing in this process is out of the submission's reach (it can find the reply stream in
this module's frames and write its own reply first), so a reply carries only what the
submission may choose: its answer, or its error. The time, the CPU and the bytes written are
measured by the judge (tangtoc.runner, tangtoc.cpu_usage, tangtoc.io_usage).
"""

import atexit
import contextlib
import importlib
import json
import multiprocessing
import os
import pickle
import select
import signal
import sys
import time
import traceback

from tangtoc import processes

RELEASE_WAIT_SECONDS = 5.0
HEADER_BYTES = 8
MAX_FRAME_BYTES = 512 * 2**20
TRACKER_GRACE_SECONDS = 2.0


class FrameError(Exception):
    """A frame header announces more data than any honest result needs."""


def write_frame(stream, message) -> None:
    write_raw_frame(stream, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def write_raw_frame(stream, data: bytes) -> None:
    view = memoryview(len(data).to_bytes(HEADER_BYTES, "big") + data)
    while view:  # raw (unbuffered) streams may accept part of the data per call
        written = stream.write(view)
        view = view[written:] if written is not None else view
    stream.flush()


def read_exactly(stream, size: int) -> bytes | None:
    """Exactly size bytes, or None at end of stream (works on raw and buffered streams)."""
    chunks, missing = [], size
    while missing:
        chunk = stream.read(missing)
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def read_frame(stream) -> bytes | None:
    """One frame's bytes, or None at end of stream."""
    header = read_exactly(stream, HEADER_BYTES)
    if header is None:
        return None
    size = int.from_bytes(header, "big")
    if size > MAX_FRAME_BYTES:
        raise FrameError(f"khung dữ liệu quá lớn ({size} byte)")
    return read_exactly(stream, size)


def _private_streams():
    inbox = os.fdopen(os.dup(0), "rb")
    outbox = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    return inbox, outbox


def die_with_the_judge() -> None:
    """Linux: the kernel kills this runner when the judge dies. Deliberately not a watchdog
    thread: a thread here would make every fork in the student's code a fork of a
    multi-threaded process, which can deadlock (and warns from Python 3.12)."""
    processes.prctl(processes.PR_SET_PDEATHSIG, signal.SIGKILL)


def keep_orphans_in_the_tree() -> None:
    """Linux: become a child subreaper, so that a process the submission starts and then
    orphans (a double fork, a pool helper whose parent ended) is re-parented here rather than
    to init, and its CPU stays in the tree the judge measures (tangtoc.cpu_usage)."""
    processes.prctl(processes.PR_SET_CHILD_SUBREAPER, 1)


def let_the_resource_tracker_finish() -> None:
    """Registered with atexit first, so it runs last: close our end of multiprocessing's
    resource tracker pipe and give the tracker a moment to clean up and warn ("leaked
    shared_memory objects"). In the grader's sandbox everything still running dies with this
    process, and that warning is how the tests learn of a segment nobody unlinked."""
    from multiprocessing import resource_tracker

    tracker = resource_tracker._resource_tracker
    fd, pid = getattr(tracker, "_fd", None), getattr(tracker, "_pid", None)
    if fd is None or pid is None:
        return
    with contextlib.suppress(OSError):
        os.close(fd)
    tracker._fd = None
    deadline = time.monotonic() + TRACKER_GRACE_SECONDS
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        except ChildProcessError:  # not ours to wait for
            return
        time.sleep(0.01)


def wait_for_release(inbox) -> None:
    """After replying, stay alive (bounded) until the judge closes our stdin: the judge reads
    the CPU and the writes of our whole process tree when the reply arrives, and our exit would
    orphan the pool or forkserver processes that hold most of them."""
    with contextlib.suppress(OSError, ValueError):
        if select.select([inbox], [], [], RELEASE_WAIT_SECONDS)[0]:
            inbox.read()


def _describe(exc: BaseException) -> tuple[str, str, str]:
    return type(exc).__name__, str(exc), "".join(traceback.format_exception(exc))


def main() -> None:
    spec = json.loads(sys.argv[1])
    inbox, outbox = _private_streams()
    request = read_frame(inbox)
    if request is None:
        return
    _, function_name, args, kwargs = pickle.loads(request)
    atexit.register(let_the_resource_tracker_finish)
    die_with_the_judge()
    keep_orphans_in_the_tree()
    if spec.get("start_method"):
        multiprocessing.set_start_method(spec["start_method"], force=True)
    sys.path.insert(0, spec["target_dir"])
    try:
        module = importlib.import_module(spec["module"])
    except BaseException as exc:  # a submission may raise anything, SystemExit included
        write_frame(outbox, ("import_error", *_describe(exc)))
        return
    try:  # the reply carries the answer only: time, CPU and writes are the judge's to measure
        result = getattr(module, function_name)(*args, **kwargs)
        write_frame(outbox, ("returned", result))
    except BaseException as exc:
        write_frame(outbox, ("raised", *_describe(exc)))
    wait_for_release(inbox)


if __name__ == "__main__":
    main()

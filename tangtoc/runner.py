"""Judge side of the runner: call a function of an exercise module in a fresh child process.

DESIGN.md §4 rule 0: the judge never imports the code it judges. The child imports the module
and calls the function; the judge times everything from starting the child to receiving the
full result, so work done while importing counts too. A hang becomes a timeout and a crash a
status, never a hung judge; afterwards every process the call left behind is killed.
"""

import contextlib
import json
import os
import pickle
import queue
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tangtoc import bubblewrap, cpu_usage, safe_pickle, shm_check
from tangtoc.runner_child import read_frame, write_raw_frame

now = time.perf_counter  # bound at import: later patching of the time module changes nothing here

STDERR_TAIL_CHARS = 4000
MAX_STAMPED_BYTES = 4 * 2**20
TAG_VARIABLE = "TANGTOC_RUNNER_TAG"  # inherited by everything the call starts, found via /proc
EXIT_GRACE_SECONDS = 2.0
TRACKER_GRACE_SECONDS = 2.0
TRACKER_MARK = b"multiprocessing.resource_tracker"  # in the command line of the tracker process


@dataclass
class CallResult:
    status: str  # returned | raised | import_error | timeout | crashed | bad_result
    seconds: float | None = None  # judge-measured wall time, from process start to full reply
    value: Any = None
    error_type: str = ""
    error: str = ""
    traceback: str = ""
    cpu_seconds: float | None = None  # reported by the child: a diagnostic, never a verdict
    stderr: str = ""
    # Measured by the judge when the reply arrived (tangtoc.cpu_usage); None where unknown.
    tree_cpu_seconds: float | None = None  # CPU of the call's whole process tree
    background_cores: float | None = None  # what the rest of the machine used meanwhile
    # Bytes the call passed to write() (pipes to its workers, files, stderr; not shared
    # memory), by the runner process and the children it reaped, measured inside the runner
    # from the kernel's counters (/proc/self/io): evidence of how data travelled. None where
    # unknown. Under forkserver, workers are the fork server's children: their writes are
    # missing, the main process's are there.
    bytes_written: int | None = None
    write_calls: int | None = None  # the write() calls behind bytes_written: messages sent
    # Judge-side, at the reply: CPU of the processes the call started (workers, a fork server,
    # reaped children), without the runner's own: near zero for code that ran in the runner.
    started_cpu_seconds: float | None = None
    stderr_lines: list[tuple[float, str]] | None = None  # with stamp_stderr: (seconds, line)
    # In a sandbox (its own /dev/shm, invisible to the judge's shm_check.watch): the
    # shared-memory segments still in it when the reply arrived, read by the judge through
    # /proc/<runner>/root. None outside a sandbox.
    sandbox_segments: set[str] | None = None

    @property
    def ok(self) -> bool:
        return self.status == "returned"


class _OutputStamps(threading.Thread):
    """Watches a growing output file and notes when it reached each size (judge's clock), so
    that each line of output gets the time at which the judge first saw it complete."""

    POLL_SECONDS = 0.002

    def __init__(self, stream, started: float):
        super().__init__(daemon=True)
        self.stream, self.started = stream, started
        self.sizes: list[tuple[float, int]] = []  # (seconds since start, size), sizes rising
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.POLL_SECONDS):
            self._note()

    def _note(self) -> None:
        size = os.fstat(self.stream.fileno()).st_size
        if not self.sizes or size > self.sizes[-1][1]:
            self.sizes.append((now() - self.started, size))

    def lines(self) -> list[tuple[float, str]]:
        """Complete lines, each with the first time the file held all of it."""
        self.done.set()
        self.join()
        self._note()
        self.stream.seek(0)
        data = self.stream.read(MAX_STAMPED_BYTES)
        stamped, offset, position = [], 0, 0
        for line in data.splitlines(keepends=True):
            offset += len(line)
            while position < len(self.sizes) - 1 and self.sizes[position][1] < offset:
                position += 1
            stamped.append((self.sizes[position][0], line.decode("utf-8", "replace").rstrip()))
        return stamped


class _FrameReader(threading.Thread):
    """Reads frames in the background and stamps each with the judge's clock on arrival, and
    with what `on_arrival()` measures at that moment (the CPU used by the call's tree)."""

    def __init__(self, stream, on_arrival=lambda: None):
        super().__init__(daemon=True)
        self.stream = stream
        self.on_arrival = on_arrival
        self.frames: queue.Queue = queue.Queue()
        self.error = ""

    def run(self) -> None:
        try:
            while (data := read_frame(self.stream)) is not None:
                arrived = now()
                self.frames.put((arrived, self.on_arrival(), data))
        except Exception as exc:  # a garbled stream must end the call, not this thread silently
            self.error = str(exc)
        self.frames.put((now(), None, None))


def call_in_runner(
    target_dir: Path,
    module: str,
    function: str,
    args: tuple = (),
    kwargs: dict | None = None,
    *,
    start_method: str | None = None,
    timeout: float = 120.0,
    cwd: Path | None = None,
    stamp_stderr: bool = False,
) -> CallResult:
    """Call module.function(*args, **kwargs) in a fresh runner; with stamp_stderr, also note
    when each line of its error output (where progress reports go) reached the judge."""
    spec = {"target_dir": str(target_dir), "module": module, "start_method": start_method}
    request = pickle.dumps(("call", function, tuple(args), kwargs or {}))
    tag = secrets.token_hex(8)
    argv = [sys.executable, "-m", "tangtoc.runner_child", json.dumps(spec)]
    env = {**os.environ, TAG_VARIABLE: tag}
    with tempfile.TemporaryFile() as stderr, \
            bubblewrap.launch(argv, target_dir, env, cwd) as launch:
        window = cpu_usage.Window()
        started = now()
        process = subprocess.Popen(
            launch.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
            bufsize=0, cwd=launch.cwd, env=launch.env, start_new_session=(os.name == "posix"),
        )
        reader = _FrameReader(process.stdout, lambda: window.close(process.pid))
        reader.start()
        stamps = _OutputStamps(stderr, started) if stamp_stderr else None
        if stamps:
            stamps.start()
        # A thread sends the request: a child that never reads it must not block the judge.
        sender = threading.Thread(target=_send, args=(process.stdin, request), daemon=True)
        sender.start()
        try:
            result = _await_reply(process, reader, started, timeout, launch.sandboxed)
            if result.status != "timeout":
                _release(process, sender)
        finally:
            _stop(process, reader, tag)
        if stamps:
            result.stderr_lines = stamps.lines()
        stderr.seek(0)
        result.stderr = stderr.read().decode("utf-8", "replace")[-STDERR_TAIL_CHARS:]
    return result


def call_or_raise(target_dir: Path, module: str, function: str, args: tuple = (),
                  kwargs: dict | None = None, **options) -> CallResult:
    """call_in_runner for our own measurements and experiments, where a failed call is a
    bug to stop at, not a verdict to report."""
    result = call_in_runner(target_dir, module, function, args, kwargs, **options)
    if not result.ok:
        raise RuntimeError(f"{function}: {result.status} {result.error}\n{result.traceback}")
    return result


def _send(stream, request: bytes) -> None:
    with contextlib.suppress(OSError, ValueError):
        write_raw_frame(stream, request)


def _release(process, sender: threading.Thread) -> None:
    """The reply is in and measured: close the child's stdin, which it waits for before it
    exits (tangtoc.runner_child), so that its pool and forkserver were still in its process
    tree when the judge read the tree's CPU. A reply comes only after the whole request was
    read, so the sender has finished."""
    sender.join(timeout=1)
    if not sender.is_alive():
        with contextlib.suppress(OSError):
            process.stdin.close()


def _await_reply(process, reader: _FrameReader, started: float, timeout: float,
                 sandboxed: bool = False) -> CallResult:
    try:
        arrived, usage, data = reader.frames.get(timeout=timeout)
    except queue.Empty:
        return CallResult("timeout", error=f"quá thời gian {timeout:.0f} giây")
    if data is None:
        return _crashed(process, reader.error)
    try:
        result = _interpret(safe_pickle.loads(data), arrived - started)
    except Exception as exc:  # anything wrong in the data is the submission's fault
        return CallResult("bad_result", error=f"không đọc được kết quả trả về: {exc}")
    if usage is not None:
        result.tree_cpu_seconds, result.background_cores = (usage.tree_cpu_seconds,
                                                            usage.background_cores)
        result.started_cpu_seconds = usage.started_cpu_seconds
        if sandboxed and usage.runner_pid is not None:  # the runner still holds it open
            result.sandbox_segments = shm_check.segments_seen_by(usage.runner_pid)
    return result


def _interpret(message, seconds: float) -> CallResult:
    """Check the reply's shape: the submission controls these bytes."""
    kind = message[0] if isinstance(message, tuple) and message else None
    texts = isinstance(message, tuple) and all(isinstance(part, str) for part in message[1:])
    if kind in ("raised", "import_error") and len(message) == 4 and texts:
        return CallResult(kind, seconds, error_type=message[1], error=message[2],
                          traceback=message[3])
    if (kind == "returned" and len(message) == 5 and type(message[2]) in (float, int)
            and all(type(count) in (int, type(None)) for count in message[3:])):
        return CallResult("returned", seconds, value=message[1], cpu_seconds=float(message[2]),
                          bytes_written=message[3], write_calls=message[4])
    return CallResult("bad_result", error="kết quả trả về sai định dạng")


def _crashed(process, reason: str = "") -> CallResult:
    try:
        code = process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return CallResult("crashed", error=f"tiến trình chạy bài đóng kênh kết quả ({reason})")
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return CallResult("crashed", error=f"tiến trình chạy bài bị dừng bởi tín hiệu {name} "
                                           "(có thể do hết bộ nhớ hoặc bị hệ điều hành dừng)")
    return CallResult("crashed", error=f"tiến trình chạy bài dừng đột ngột (mã thoát {code})"
                                       + (f": {reason}" if reason else ""))


def _stop(process, reader: _FrameReader, tag: str) -> None:
    """Let the child exit cleanly, then kill everything the call started, escaped or not."""
    end_process_tree(process, tag)
    with contextlib.suppress(OSError):
        process.stdin.close()
    reader.join(timeout=5)
    if not reader.is_alive():  # closing under a blocked read would hand its fd number to others
        process.stdout.close()


def end_process_tree(process: subprocess.Popen, tag: str) -> None:
    """Give a child started in its own session (with TAG_VARIABLE=tag) a moment to exit, then
    kill its process group and every process still carrying the tag; reap the child."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=EXIT_GRACE_SECONDS)
    if os.name == "posix":
        # Once empty, a group is gone for good, and its number may soon name another process's
        # group: signal it only while it still has members.
        group = None if _wait_for_group_exit(process.pid, EXIT_GRACE_SECONDS / 4) else process.pid
        _kill_trackers_last(group, tag)
        if group is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        for pid in tagged_pids(tag):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait()


def _wait_for_group_exit(group: int, seconds: float) -> bool:
    """Give helpers such as multiprocessing's resource tracker a moment to clean up and exit;
    whether the group is gone."""
    deadline = now() + seconds
    while True:
        try:
            os.killpg(group, 0)
        except (ProcessLookupError, PermissionError):
            return True
        if now() >= deadline:
            return False
        time.sleep(0.02)


def _kill_trackers_last(group: int | None, tag: str) -> None:
    """Kill the call's processes except multiprocessing's resource trackers, then give those a
    moment. Under spawn/forkserver a named semaphore or shared memory block stays in /dev/shm
    until someone unlinks it; the tracker does so for everything still registered once no
    process holds its pipe, but only if it is not killed together with the others. The group
    is stopped first so nothing in it can fork meanwhile; SIGKILL comes later for the trackers
    (they ignore SIGTERM), so this never waits longer than TRACKER_GRACE_SECONDS."""
    members = []
    if group is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGSTOP)
        members = _group_members(group)
    trackers = []
    for pid in set(members) | set(tagged_pids(tag)):
        tracker = _is_tracker(pid)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGCONT if tracker else signal.SIGKILL)
        if tracker:
            trackers.append(pid)
    deadline = now() + TRACKER_GRACE_SECONDS
    while any(map(_running, trackers)) and now() < deadline:
        time.sleep(0.02)


def _proc_stat(pid: int) -> list[str]:
    """Fields of /proc/PID/stat after the command name: state, ppid, pgrp, …"""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _group_members(group: int) -> list[int]:
    return [int(entry.name) for entry in Path("/proc").glob("[0-9]*")
            if _proc_stat(int(entry.name))[2:3] == [str(group)]]


def _is_tracker(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return TRACKER_MARK in Path(f"/proc/{pid}/cmdline").read_bytes()
    return False


def _running(pid: int) -> bool:
    """Alive and not a zombie (the init process may take a while to reap orphans)."""
    return _proc_stat(pid)[:1] not in ([], ["Z"], ["X"])


def tagged_pids(tag: str, variable: str = TAG_VARIABLE) -> list[int]:
    """Processes carrying the call's tag, found via /proc: also those that left the process
    group (setsid). Empty where /proc is missing. The grader passes its own variable."""
    marker = f"{variable}={tag}".encode()
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                pids.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return pids


def kill_tagged(tag: str, variable: str = TAG_VARIABLE) -> int:
    """SIGKILL every process carrying the tag; return how many there were."""
    pids = tagged_pids(tag, variable)
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return len(pids)

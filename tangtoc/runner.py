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

from tangtoc import bubblewrap, cpu_usage, io_usage, processes, safe_pickle, shm_check
from tangtoc.runner_child import HEADER_BYTES, read_frame, write_raw_frame

now = time.perf_counter  # bound at import: later patching of the time module changes nothing here

STDERR_TAIL_CHARS = 4000
MAX_MESSAGE_CHARS = 4000  # of an exception's type, message or traceback
MAX_STAMPED_BYTES = 4 * 2**20
TRACKER_WARNING = "resource_tracker"  # in both lines of the tracker's "leaked … objects" warning
TAG_VARIABLE = "TANGTOC_RUNNER_TAG"  # inherited by everything the call starts, found via /proc


@dataclass
class CallResult:
    status: str  # returned | raised | import_error | timeout | crashed | bad_result
    seconds: float | None = None  # judge-measured wall time, from process start to full reply
    value: Any = None
    error_type: str = ""
    error: str = ""
    traceback: str = ""
    stderr: str = ""
    # Measured by the judge when the reply arrived (tangtoc.cpu_usage); None where unknown.
    tree_cpu_seconds: float | None = None  # CPU of the call's whole process tree
    background_cores: float | None = None  # what the rest of the machine used meanwhile
    # Bytes the call passed to write() (pipes to its workers, files, stderr; not shared
    # memory; its import included, its reply not), by the runner and every process below it,
    # measured by the judge when the reply arrived (tangtoc.io_usage): evidence of how data
    # travelled. None where unknown.
    bytes_written: int | None = None
    write_calls: int | None = None  # the write() calls behind bytes_written: messages sent
    # Judge-side, at the reply: CPU of the processes the call started (workers, a fork server,
    # reaped children), without the runner's own: near zero for code that ran in the runner.
    started_cpu_seconds: float | None = None
    stderr_lines: list[tuple[float, str]] | None = None  # with stamp_stderr: (seconds, line)
    hung_before: bool = False  # an earlier call with the same input timed out (submission)
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
    with what `on_arrival()` measures at that moment (the CPU and writes of the call's tree)."""

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
    with shm_check.orphan_semaphores_swept(), tempfile.TemporaryFile() as stderr, \
            bubblewrap.launch(argv, target_dir, env, cwd) as launch:
        window = cpu_usage.Window()
        started = now()
        process = subprocess.Popen(
            launch.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
            bufsize=0, cwd=launch.cwd, env=launch.env, start_new_session=(os.name == "posix"),
        )
        reader = _FrameReader(process.stdout, lambda: _at_reply(window, process.pid))
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
        output = stderr.read().decode("utf-8", "replace")
        result.stderr = (without_kill_warnings(output) if result.status == "timeout"
                         else output)[-STDERR_TAIL_CHARS:]
    return result


def without_kill_warnings(output: str) -> str:
    """A timed-out program's stderr without what the judge's kill caused: the resource tracker,
    left to clean up, warns of the objects the killed program still held, or is killed before
    it can; either way that warning says nothing about the program."""
    return "".join(line for line in output.splitlines(keepends=True)
                   if TRACKER_WARNING not in line)


def call_or_raise(target_dir: Path, module: str, function: str, args: tuple = (),
                  kwargs: dict | None = None, **options) -> CallResult:
    """call_in_runner for our own measurements and experiments, where a failed call is a
    bug to stop at, not a verdict to report."""
    result = call_in_runner(target_dir, module, function, args, kwargs, **options)
    if not result.ok:
        raise RuntimeError(f"{function}: {result.status} {result.error}\n{result.traceback}")
    return result


def _at_reply(window: cpu_usage.Window, pid: int):
    """What the judge measures of the call's process tree when a reply arrives: its CPU
    first, then what it wrote (below the runner, which the CPU's tree walk finds), from one
    walk of /proc."""
    tree = processes.tree(pid)
    usage = window.close(tree)
    return usage, io_usage.tree_written(tree, usage.runner_pid)


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
        arrived, measured, data = reader.frames.get(timeout=timeout)
    except queue.Empty:
        return CallResult("timeout", error=f"quá thời gian {timeout:.0f} giây")
    if data is None:
        return _crashed(process, reader.error)
    try:
        result = _interpret(safe_pickle.loads(data), arrived - started)
    except Exception as exc:  # anything wrong in the data is the submission's fault
        return CallResult("bad_result", error=f"không đọc được kết quả trả về: {exc}")
    usage, written = measured
    if written is not None:  # whatever the reply says: the submission can write one itself
        written = io_usage.without_reply(written, HEADER_BYTES + len(data))
        result.bytes_written, result.write_calls = written.bytes, written.calls
    if usage is not None:
        result.tree_cpu_seconds, result.background_cores = (usage.tree_cpu_seconds,
                                                            usage.background_cores)
        result.started_cpu_seconds = usage.started_cpu_seconds
        if sandboxed and usage.runner_pid is not None:  # the runner still holds it open
            result.sandbox_segments = shm_check.segments_seen_by(usage.runner_pid)
    return result


def shortened(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """At most `limit` characters of a text the submission wrote (an exception's message of
    20 MB once made a 320 MB results.json), saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… (cắt bớt {len(text) - limit} ký tự)"


def _interpret(message, seconds: float) -> CallResult:
    """Check the reply's shape: the submission controls these bytes."""
    kind = message[0] if isinstance(message, tuple) and message else None
    texts = isinstance(message, tuple) and all(isinstance(part, str) for part in message[1:])
    if kind in ("raised", "import_error") and len(message) == 4 and texts:
        return CallResult(kind, seconds, error_type=shortened(message[1]),
                          error=shortened(message[2]),
                          traceback=message[3][-MAX_MESSAGE_CHARS:])  # its last frames matter
    if kind == "returned" and len(message) == 2:
        return CallResult("returned", seconds, value=message[1])
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
    processes.end_process_tree(process, tag, TAG_VARIABLE)
    with contextlib.suppress(OSError):
        process.stdin.close()
    reader.join(timeout=5)
    if not reader.is_alive():  # closing under a blocked read would hand its fd number to others
        process.stdout.close()

"""Judge side of the runner: call a function of an exercise module in a fresh child process.

DESIGN.md §4 rule 0: the judge never imports the code it judges. The child imports the module,
the judge sends the input and times the call from its own side, from sending the request to
receiving the full result. A hang becomes a timeout and a crash a status, never a hung judge.
"""

import contextlib
import json
import os
import pickle
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tangtoc import safe_pickle
from tangtoc.runner_child import read_frame, write_raw_frame

now = time.perf_counter  # bound at import: later patching of the time module changes nothing here

STDERR_TAIL_CHARS = 4000


@dataclass
class CallResult:
    status: str  # returned | raised | import_error | timeout | crashed | bad_result
    seconds: float | None = None  # judge-measured wall time of the call
    value: Any = None
    error_type: str = ""
    error: str = ""
    traceback: str = ""
    cpu_seconds: float | None = None  # reported by the child: a diagnostic, never a verdict
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "returned"


class _FrameReader(threading.Thread):
    """Reads frames in the background and stamps each with the judge's clock on arrival."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream = stream
        self.frames: queue.Queue = queue.Queue()

    def run(self) -> None:
        while True:
            data = read_frame(self.stream)
            self.frames.put((now(), data))
            if data is None:
                return

    def next(self, timeout: float):
        return self.frames.get(timeout=timeout)


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
) -> CallResult:
    spec = {"target_dir": str(target_dir), "module": module, "start_method": start_method}
    request = pickle.dumps(("call", function, tuple(args), kwargs or {}))
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tangtoc.runner_child", json.dumps(spec)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=cwd,
            start_new_session=(os.name == "posix"),
        )
        reader = _FrameReader(process.stdout)
        reader.start()
        try:
            result = _converse(process, reader, request, timeout)
        finally:
            _stop(process)
        stderr.seek(0)
        result.stderr = stderr.read().decode("utf-8", "replace")[-STDERR_TAIL_CHARS:]
    return result


def _converse(process, reader: _FrameReader, request: bytes, timeout: float) -> CallResult:
    hello = _receive(process, reader, timeout)
    if not isinstance(hello, tuple):
        return hello
    if hello[0] == "import_error":
        return CallResult("import_error", error_type=hello[1], error=hello[2], traceback=hello[3])
    if hello[0] != "ready":
        return CallResult("bad_result", error=f"thông điệp lạ từ tiến trình chạy bài: {hello[0]!r}")
    started = now()
    try:
        write_raw_frame(process.stdin, request)
    except (BrokenPipeError, OSError):
        return _crashed(process)
    reply = _receive(process, reader, timeout, started)
    if not isinstance(reply, tuple):
        return reply
    seconds, message = reply[-1], reply[:-1]
    if message[0] == "returned":
        return CallResult("returned", seconds, value=message[1], cpu_seconds=message[2])
    if message[0] == "raised":
        return CallResult("raised", seconds, error_type=message[1], error=message[2],
                          traceback=message[3])
    return CallResult("bad_result", error=f"thông điệp lạ từ tiến trình chạy bài: {message[0]!r}")


def _receive(process, reader: _FrameReader, timeout: float, started: float | None = None):
    """The next message (with the call's duration appended when started is given) or a failure."""
    try:
        arrived, data = reader.next(timeout)
    except queue.Empty:
        return CallResult("timeout", error=f"quá thời gian {timeout:.0f} giây")
    if data is None:
        return _crashed(process)
    if started is not None and arrived < started:
        # Written before the request was sent: the module forged a reply on the protocol pipe.
        return CallResult("bad_result", error="tiến trình chạy bài gửi kết quả trước khi nhận đề")
    try:
        message = safe_pickle.loads(data)
    except Exception as exc:  # anything wrong in the data is the submission's fault
        return CallResult("bad_result", error=f"không đọc được kết quả trả về: {exc}")
    if not isinstance(message, tuple) or not message:
        return CallResult("bad_result", error="kết quả trả về sai định dạng")
    return (*message, arrived - started) if started is not None else message


def _crashed(process) -> CallResult:
    try:
        code = process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        code = None
    return CallResult("crashed", error=f"tiến trình chạy bài dừng đột ngột (mã thoát {code})")


def _stop(process) -> None:
    """Let the child exit, then kill its whole process group: pools it left behind go too."""
    with contextlib.suppress(OSError):
        process.stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=2)
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait()
    process.stdout.close()

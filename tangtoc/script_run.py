"""Judge side of a script exercise: run a student's whole program and observe what it did.

Fix-the-bug exercises are programs, not functions: the bug is in how the program starts
processes (main guard, pickling, queues, shared memory, how many workers). The judge runs the
program in a fresh child (tangtoc.script_child) in its own session with a timeout, so a hang
becomes a bounded failure; afterwards every process it started is killed (tangtoc.processes). The
program is never imported by the judge; its exit code, output and the processes seen in /proc
while it ran are the evidence.
"""

import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tangtoc import bubblewrap, processes, shm_check
from tangtoc.runner import STDERR_TAIL_CHARS, TAG_VARIABLE, without_kill_warnings
from tangtoc.script_child import CPUS_VARIABLE

POLL_SECONDS = 0.02
WORKER_FLAG = "--multiprocessing-fork"  # in the command line of every spawn/forkserver child

# Error texts Python prints for the classic mistakes, and what they mean (lesson 8).
SYMPTOMS = {
    "bootstrapping phase": (
        "tiến trình con import lại tệp chính và chạy lại đoạn tạo tiến trình vì thiếu "
        "«if __name__ == \"__main__\":» (lỗi «bootstrapping phase»)"),
    "local object ": (  # "Can't pickle/get local object '…'" (≤ 3.13), "… <function …>" (3.14)
        "hàm giao cho tiến trình con là hàm lồng (hoặc lambda trong hàm), không pickle được"),
    "Can't pickle <function <lambda>": "hàm giao cho tiến trình con là lambda, không pickle được",
    "Can't get attribute": (
        "tiến trình con không tìm thấy hàm theo tên: hàm phải ở cấp cao nhất của tệp"),
    "leaked shared_memory objects": (
        "còn khối bộ nhớ chia sẻ (SharedMemory) chưa được unlink() khi chương trình kết thúc"),
    "BrokenProcessPool": "một tiến trình con chết đột ngột nên Pool bị hỏng",
}


@dataclass
class ProcessSeen:
    """One process the program started, as last seen in /proc."""
    pid: int
    command: str
    max_threads: int = 0

    @property
    def is_worker(self) -> bool:
        return WORKER_FLAG in self.command


@dataclass
class ScriptRun:
    status: str  # exited | timeout | not_loadable
    pid: int = 0  # the program's main process, as the judge sees it (outside a sandbox, names
    # the program derives from os.getpid() use it; in one, its pid namespace numbers it apart)
    seconds: float = 0.0
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    timeout: float = 0.0
    error: str = ""  # why the program could not be run (not_loadable)
    processes: dict[int, ProcessSeen] = field(default_factory=dict)
    # In a sandbox (its own /dev/shm, invisible to the judge's): the shared-memory segments
    # left in it once the program and the sandbox were gone, read by the judge through a
    # handle it opened while the program ran (shm_check.held_open). None outside a sandbox.
    sandbox_segments: set[str] | None = None

    @property
    def ok(self) -> bool:
        return self.status == "exited" and self.returncode == 0

    @property
    def workers(self) -> list[ProcessSeen]:
        return [seen for seen in self.processes.values() if seen.is_worker]

    def symptoms(self) -> list[str]:
        return [meaning for text, meaning in SYMPTOMS.items() if text in self.stderr]

    def explain(self) -> str:
        """Vietnamese account of what happened, for a failing test's message."""
        if self.status == "not_loadable":
            return self.error
        if self.status == "timeout":
            head = (f"Chương trình chạy quá {self.timeout:g} giây nên bị dừng: có lẽ nó bị treo "
                    "(chờ mãi một thứ không bao giờ đến).")
        elif self.returncode != 0:
            head = f"Chương trình kết thúc với mã lỗi {self.returncode} (0 mới là thành công)."
        else:
            head = f"Chương trình chạy xong (mã thoát 0) trong {self.seconds:.1f} giây."
        causes = "".join(f"\n- Dấu hiệu: {meaning}." for meaning in self.symptoms())
        if self.status == "timeout" and not causes:
            causes = ("\n- Nguyên nhân thường gặp: join() một tiến trình khi hàng đợi (Queue) của "
                      "nó còn dữ liệu chưa lấy ra; chờ kết quả của một tiến trình con đã chết; "
                      "hai bên chờ nhau (deadlock).")
        return head + causes + _tail("Đầu ra lỗi (stderr)", self.stderr)


def _tail(label: str, text: str) -> str:
    lines = text.strip().splitlines()
    if not lines:
        return ""
    return f"\n{label}, các dòng cuối:\n" + "\n".join(lines[-12:])


def run_script(path: Path, *, start_method: str = "spawn", timeout: float = 10.0,
               cwd: Path | None = None, env: dict[str, str] | None = None,
               watch: bool = False, cpus: frozenset[int] | None = None) -> ScriptRun:
    """Run `python path` under start_method; with watch, record the processes it starts; with
    cpus, the program and its children may only run on those CPUs (CPU affinity)."""
    tag = secrets.token_hex(8)
    command = [sys.executable, "-m", "tangtoc.script_child", start_method, str(path)]
    environment = {**os.environ, **(env or {}), TAG_VARIABLE: tag, "PYTHONUNBUFFERED": "1"}
    if cpus:
        environment[CPUS_VARIABLE] = ",".join(map(str, sorted(cpus)))
    with shm_check.orphan_semaphores_swept(), shm_check.held_open() as sandbox_shm:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
                bubblewrap.launch(command, path.parent, environment, cwd) as launch:
            started = time.perf_counter()
            process = subprocess.Popen(launch.argv, stdin=subprocess.DEVNULL, stdout=out,
                                       stderr=err, cwd=launch.cwd, env=launch.env,
                                       start_new_session=(os.name == "posix"))
            seen: dict[int, ProcessSeen] = {}
            try:
                returncode = _wait(process, started + timeout, tag, watch, seen,
                                   sandbox_shm if launch.sandboxed else None)
                seconds = time.perf_counter() - started
            finally:
                processes.end_process_tree(process, tag, TAG_VARIABLE)
            errors = _read(err) if returncode is not None else without_kill_warnings(_read(err))
            run = ScriptRun("timeout" if returncode is None else "exited", process.pid, seconds,
                            returncode, _read(out), errors, timeout, processes=seen)
        run.sandbox_segments = sandbox_shm.segments()  # the sandbox is gone: all is final
    return run


def _wait(process, deadline: float, tag: str, watch: bool, seen: dict,
          sandbox_shm) -> int | None:
    """Poll until the program exits; with watch, note its processes; with sandbox_shm, hold the
    sandbox's /dev/shm open through the first of the program's processes seen in it."""
    while time.perf_counter() < deadline:
        if watch or sandbox_shm is not None:
            tagged = processes.tagged_pids(tag, TAG_VARIABLE)
            if watch:
                _observe(tagged, seen, exclude=process.pid)
            if sandbox_shm is not None and any(map(sandbox_shm.hold, tagged)):
                sandbox_shm = None  # held
        returncode = process.poll()
        if returncode is not None:
            return returncode
        time.sleep(POLL_SECONDS)
    return None


def _observe(tagged: list[int], seen: dict[int, ProcessSeen], exclude: int) -> None:
    for pid in tagged:
        if pid == exclude:
            continue
        try:
            command = processes.cmdline(pid).replace(b"\0", b" ").decode(errors="replace")
            threads = processes.thread_count(pid)
        except OSError:
            continue
        entry = seen.get(pid)
        if entry is None:
            entry = seen[pid] = ProcessSeen(pid, command)
        elif command:
            # A child seen between fork and exec still shows its parent's command line, and a
            # zombie shows none: keep the latest real one (a spawned worker's has WORKER_FLAG).
            entry.command = command
        entry.max_threads = max(entry.max_threads, threads)


def _read(stream) -> str:
    stream.seek(0)
    return stream.read().decode("utf-8", "replace")[-STDERR_TAIL_CHARS * 4:]


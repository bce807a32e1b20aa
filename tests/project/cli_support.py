"""Helpers for the CLI tests: a fresh copy of the course, the installed `tangtoc` command run
on it as a student would, and a pseudo-terminal for commands whose output depends on one."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tangtoc import paths
from tangtoc.graded_run import pytest_env

TANGTOC = str(Path(sys.executable).with_name("tangtoc"))  # the installed console script
# A student's clone, without what a CLI test never reads (the package runs from this checkout).
COURSE_PARTS = (*paths.EXERCISE_PARTS, "docs", "mkdocs.yml", "pyproject.toml")


def fresh_course(folder: Path, git: bool = False) -> Path:
    """A copy of the course as a student gets it (a git clone when git=True)."""
    folder.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    for part in COURSE_PARTS:
        source = paths.ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=ignore)
        else:
            shutil.copy2(source, folder / part)
    if git:
        for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Course"]):
            git_in(folder, *command)
    return folder


def git_in(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Sinh viên", "-c", "user.email=sv@example.org",
                           "-C", str(folder), *args], check=True, capture_output=True,
                          text=True).stdout


def student_env(course: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in pytest_env().items()
           if k not in ("TANGTOC_STATE", "PYTEST_XDIST_WORKER")}
    return {**env, "TANGTOC_ROOT": str(course), **extra}


def run(course: Path, *args: str, **extra_env: str) -> tuple[int, str]:
    finished = subprocess.run([TANGTOC, *args], capture_output=True, text=True, timeout=900,
                              cwd=course, env=student_env(course, **extra_env))
    return finished.returncode, finished.stdout + finished.stderr


def solve(course: Path, exercise_id: str) -> None:
    shutil.copy(course / "solutions" / f"{exercise_id}.py", course / "lessons")


def processes_of(course: Path) -> list[int]:
    """Live processes started for this course copy (they all inherit TANGTOC_ROOT)."""
    marker = f"TANGTOC_ROOT={course}".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            status = (entry / "stat").read_text()
            if marker in (entry / "environ").read_bytes().split(b"\0") and ") Z" not in status:
                found.append(int(entry.name))
    return found


class Terminal:
    """A command on a pseudo-terminal; `interrupt()` is Ctrl+C (SIGINT to its process group)."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path):
        import pty  # POSIX only, like the tests that use it

        master, slave = pty.openpty()
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env,
                                        cwd=cwd, start_new_session=True)
        os.close(slave)
        self._master = master
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self._master, 4096)
            except OSError:  # EIO: the other side is closed
                return
            if not data:
                return
            self._chunks.append(data)

    @property
    def output(self) -> str:
        return b"".join(self._chunks).decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 120, count: int = 1) -> str:
        deadline = time.monotonic() + timeout
        while self.output.count(text) < count:
            if time.monotonic() > deadline or self.process.poll() is not None:
                time.sleep(0.3)  # let the last output arrive before reporting
                if self.output.count(text) >= count:
                    break
                raise AssertionError(f"never saw {text!r} (×{count}); output:\n{self.output}")
            time.sleep(0.05)
        return self.output

    def type(self, text: str) -> None:
        os.write(self._master, text.encode())

    def interrupt(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)

    def close(self, timeout: float = 30) -> int:
        """The exit code once the command ends (killed after timeout seconds)."""
        try:
            return self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self._reader.join(timeout=5)
            if self._master is not None:
                os.close(self._master)
                self._master = None

    def kill(self) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.close(timeout=0)

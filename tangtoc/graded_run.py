"""Run one exercise's graded tests in a separate pytest session and read back the outcomes.

Used by `tangtoc check` and by the tests of the tests, which see the same records as the grader
(tangtoc.records.TestRecord: nodeid, outcome, status, message, properties).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from tangtoc import paths, reaper
from tangtoc.catalog import Exercise
from tangtoc.records import TestRecord


class GradedRunError(RuntimeError):
    """pytest ran no test or wrote no report: never read as a pass."""


def pytest_command(exercise: Exercise, target: Path, marker: str, *options: str) -> list[str]:
    """The pytest command line that runs one exercise's graded tests (also used by the grader)."""
    test_file = paths.GRADED / exercise.test_file
    return [sys.executable, "-m", "pytest", str(test_file), "--target", str(target), "-m", marker,
            "-q", "-p", "no:cacheprovider", *options]


def pytest_env() -> dict[str, str]:
    """This process's environment for a pytest_command: our options only (a PYTEST_ADDOPTS of
    the user's or of an outer pytest must not change which tests run or how)."""
    return {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}


def run_graded_tests(exercise: Exercise, target: Path, marker: str, *options: str,
                     timeout: float = 1800,
                     on_progress: Callable[[int, int], None] | None = None,
                     echo: TextIO | None = None) -> list[TestRecord]:
    """Run the tests; `on_progress(k, n)` (if given) is called as test k of n starts; pytest's
    whole output is written to `echo` (if given) once it has finished."""
    with tempfile.TemporaryDirectory(prefix="tangtoc-") as scratch:
        report = Path(scratch) / "report.json"
        progress = Path(scratch) / "progress"
        if on_progress is not None:
            options = ("--progress-file", str(progress), *options)
        command = pytest_command(exercise, target, marker, "--report-json", str(report), *options)
        # reaped: pytest and all it starts die with us, even if we are killed with SIGKILL
        with tempfile.TemporaryFile() as out, reaper.reaped(pytest_env()) as env:
            process = subprocess.Popen(command, cwd=paths.ROOT, stdout=out,
                                       stderr=subprocess.STDOUT, env=env)
            _follow(process, progress, on_progress, timeout)
            out.seek(0)
            output = out.read().decode("utf-8", "replace")
        if echo is not None:
            echo.write(output)
            echo.flush()
        if not report.exists():
            raise GradedRunError(f"pytest không ghi được kết quả:\n{output[-6000:]}")
        records = [TestRecord.from_dict(data)
                   for data in json.loads(report.read_text(encoding="utf-8"))]
    if not records:
        raise GradedRunError(f"Không có bài kiểm tra nào chạy cho {exercise.id} ({marker}).")
    return records


def _follow(process: subprocess.Popen, progress: Path, on_progress, timeout: float) -> None:
    """Wait for pytest (killing it after `timeout`), passing on its progress lines."""
    deadline, seen = time.monotonic() + timeout, ""
    while True:
        try:
            process.wait(timeout=0.2)
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
        if on_progress is not None and progress.exists():
            text = progress.read_text(encoding="utf-8")
            complete = text[:text.rfind("\n") + 1]  # a line being written waits for next time
            for line in complete[len(seen):].splitlines():
                done, total = map(int, line.split()[:2])
                on_progress(done, total)
            seen = complete
        if finished:
            return
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise subprocess.TimeoutExpired(process.args, timeout)

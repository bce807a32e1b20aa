"""Run one exercise's graded tests in a separate pytest session and read back the outcomes.

Used by `tangtoc check`, by the tests of the tests and (later) by the grader, so that all three
see the same records: nodeid, outcome (passed/failed/error/skipped), message, properties.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tangtoc import paths
from tangtoc.catalog import Exercise


class GradedRunError(RuntimeError):
    """pytest ran no test or wrote no report: never read as a pass."""


def pytest_command(exercise: Exercise, target: Path, marker: str, *options: str,
                   tests: Path | None = None) -> list[str]:
    """The pytest command line that runs one exercise's graded tests (also used by the grader,
    with a private copy of the tests)."""
    test_file = (tests or paths.TESTS) / exercise.test_file
    return [sys.executable, "-m", "pytest", str(test_file), "--target", str(target), "-m", marker,
            "-q", "-p", "no:cacheprovider", *options]


def run_graded_tests(exercise: Exercise, target: Path, marker: str, *options: str,
                     timeout: float = 1800) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="tangtoc-") as scratch:
        report = Path(scratch) / "report.json"
        command = pytest_command(exercise, target, marker, "--report-json", str(report), *options)
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}  # our options only
        finished = subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True,
                                  timeout=timeout, env=env)
        if not report.exists():
            raise GradedRunError(f"pytest không ghi được kết quả:\n{finished.stdout[-3000:]}"
                                 f"\n{finished.stderr[-3000:]}")
        records = json.loads(report.read_text(encoding="utf-8"))
    if not records:
        raise GradedRunError(f"Không có bài kiểm tra nào chạy cho {exercise.id} ({marker}).")
    return records

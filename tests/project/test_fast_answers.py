"""Fast answers from `tangtoc check` (issue 16): a hanging submission and one that forgot
`if __name__ == "__main__":` each get their Vietnamese explanation within 30 s, with "bài kiểm
tra k/n" progress on the way. Real processes; timed, so run in the serial speed phase."""

import subprocess
import time

import pytest
from cli_support import TANGTOC

from tangtoc import paths

FIXTURES = paths.PROJECT_TESTS / "fixtures"
pytestmark = pytest.mark.speed


def check(folder: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    finished = subprocess.run([TANGTOC, "check", "bai04_dem_tu", "--target",
                               str(FIXTURES / folder)], capture_output=True, text=True,
                              timeout=300, cwd=paths.ROOT)
    return finished, time.monotonic() - started


def test_a_hanging_submission_is_stopped_at_its_first_test_and_said_so():
    finished, seconds = check("hanging")
    output = finished.stdout
    assert finished.returncode == 1 and seconds < 30, (seconds, output)
    assert "bài kiểm tra 1/" in output, output  # progress, one line per test without a terminal
    assert "chạy quá lâu nên đã dừng; các bài kiểm tra sau chưa chạy" in output, output
    assert "trong khi lời giải mẫu chỉ cần" in output, output


def test_a_missing_main_guard_is_named_with_its_fix():
    finished, seconds = check("no_main_guard")
    output = finished.stdout
    assert finished.returncode == 1 and seconds < 30, (seconds, output)
    assert 'thiếu điều kiện `if __name__ == "__main__":`' in output, output
    assert "bootstrapping phase" in output and "Cách sửa" in output, output

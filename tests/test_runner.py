"""The runner: a call in a fresh child process, timed by the judge, bounded and contained."""

import time
from pathlib import Path

import pytest

from tangtoc.runner import call_in_runner

TARGETS = Path(__file__).parent / "fixtures" / "runner_targets"


def call(function, *args, **settings):
    return call_in_runner(TARGETS, "sample", function, args, **settings)


def test_returns_value_and_judge_measured_time():
    result = call("add", 2, 3)
    assert result.status == "returned" and result.value == 5
    assert 0 < result.seconds < 5


def test_prints_do_not_corrupt_the_protocol():
    result = call("noisy")
    assert result.value == "ok"
    assert "in ra stdout" in result.stderr and "in ra stderr" in result.stderr


def test_exception_is_reported_with_its_type():
    result = call("fail")
    assert result.status == "raised"
    assert (result.error_type, result.error) == ("ValueError", "hỏng rồi")


def test_missing_function_is_an_error_not_a_crash():
    result = call("no_such_function")
    assert result.status == "raised" and result.error_type == "AttributeError"


def test_import_error_is_reported():
    result = call_in_runner(TARGETS, "broken_import", "anything")
    assert result.status == "import_error" and "lỗi khi nhập" in result.error


def test_hang_becomes_timeout():
    started = time.perf_counter()
    result = call("hang", timeout=1)
    assert result.status == "timeout"
    assert time.perf_counter() - started < 10


def test_crash_is_reported():
    result = call("crash")
    assert result.status == "crashed" and "3" in result.error


def test_hostile_pickle_cannot_run_code_in_the_judge(tmp_path):
    marker = tmp_path / "pwned"
    result = call("evil_result", str(marker))
    assert result.status == "bad_result"
    assert not marker.exists()


def test_a_reply_forged_before_the_request_is_rejected(monkeypatch):
    monkeypatch.setenv("FORGE_REPLY", "1")
    result = call("add", 2, 3)
    assert result.status == "bad_result" and "trước khi nhận đề" in result.error


def test_unpicklable_result_is_an_error():
    assert call("unpicklable").status == "raised"


def test_patching_the_clock_in_the_child_does_not_change_the_timing():
    result = call("patch_clock_then_sleep")
    assert result.value == "xong" and result.seconds >= 0.3


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_processes_left_behind_are_killed():
    pid = call("leave_orphan").value
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + 5
    while stat.exists() and stat.read_text().split(") ")[1][0] != "Z":
        assert time.monotonic() < deadline, "the orphan survived the runner"
        time.sleep(0.05)

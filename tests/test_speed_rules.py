"""The verdict rules of the speed harness, checked on fake samples."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tangtoc import speed
from tangtoc.cores import usable_cores
from tangtoc.runner import CallResult


@pytest.mark.parametrize(("workers", "cores", "needed"), [
    (1, 8, 1.0), (2, 2, 1.3), (3, 3, 1.6), (4, 4, 1.9), (8, 8, 3.1), (8, 2, 1.3), (2, 8, 1.3),
])
def test_threshold_table(workers, cores, needed):
    assert speed.required_speedup(workers, cores) == pytest.approx(needed)


def test_verdict_uses_the_minima():
    verdict = speed.decide([1.0, 1.2, 1.1], [0.9, 0.55, 0.7], threshold=1.3)
    assert verdict.speedup == pytest.approx(1.0 / 0.55)
    assert verdict.passed and not verdict.close


def test_slow_candidate_fails():
    verdict = speed.decide([1.0, 1.0, 1.0], [1.02, 0.98, 1.05], threshold=1.3)
    assert not verdict.passed and not verdict.close


def test_near_threshold_is_close_either_side():
    assert speed.decide([1.0] * 3, [1 / 1.33] * 3, 1.3).close
    assert speed.decide([1.0] * 3, [1 / 1.27] * 3, 1.3).close


@pytest.mark.parametrize(("rounds", "close", "more"), [
    (1, False, True), (2, True, True), (3, False, False), (3, True, True),
    (speed.MAX_ROUNDS, True, False),
])
def test_rounds_are_bounded(rounds, close, more):
    verdict = speed.Verdict(1.3, True, close)
    assert speed.needs_another_round(rounds, verdict) is more


def _report(**fields):
    base = dict(exercise="bai", status="failed", message="", cores=2, workers=2,
                start_method="fork", threshold=1.3)
    return speed.SpeedReport(**(base | fields))


def test_pass_message_shows_measured_and_needed():
    message = speed._message(_report(status="passed", speedup=1.84, cpu_cores_used=1.9))
    assert message.startswith("tăng tốc 1.84× trên 2 lõi (cần ≥ 1.30×).")
    assert "CPU dùng ≈ 1.9 lõi" in message


def test_one_core_failure_blames_threads_or_sequential_code():
    message = speed._message(_report(speedup=0.97, cpu_cores_used=1.0))
    assert message.startswith("chỉ tăng tốc 0.97×") and "GIL" in message


def test_busy_cores_failure_blames_overhead():
    message = speed._message(_report(speedup=1.1, cpu_cores_used=1.9))
    assert "chunksize" in message and "GIL" not in message


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")
def test_one_usable_core_skips_with_a_reason():
    code = f"""
import json, os, sys
from pathlib import Path
from tangtoc import speed
from tangtoc.cores import usable_cores
from tangtoc.runner import CallResult
os.sched_setaffinity(0, {{min(os.sched_getaffinity(0))}})
check = speed.SpeedCheck("sample", Path({str(Path(__file__).parent / "fixtures")!r}),
                         Path("."), "add", "add", lambda size, round: (1, 2), workers=2)
print(json.dumps(speed.run_speed_check(check).to_dict()))
"""
    report = json.loads(subprocess.check_output([sys.executable, "-c", code]))
    assert report["status"] == "skipped" and report["speedup"] is None
    assert "không chấm được tốc độ" in report["message"]


class ScriptedCheck(speed.SpeedCheck):
    """A speed check whose runs are scripted: the loop's logic without any CPU work.
    The baseline takes 10 ms per item; the candidate runs at the scripted speed-ups."""

    def __init__(self, speedups, wrong_in_round=None):
        super().__init__("bai", Path("."), Path("."), "song_song", "tuan_tu",
                         workload=lambda size, seed: (size,), workers=2)
        self.speedups = iter(speedups)
        self.wrong_in_round = wrong_in_round
        self.calls = []

    def call(self, which, args):
        size = args[0]
        self.calls.append((which, size))
        if which == "baseline":
            return CallResult("returned", size * 0.01, value=size)
        measuring_round = sum(w == "candidate" for w, _ in self.calls) - 1  # 0: the trial run
        value = -1 if measuring_round == self.wrong_in_round else size
        return CallResult("returned", size * 0.01 / next(self.speedups), value=value,
                          cpu_seconds=0.0)


needs_two_cores = pytest.mark.skipif(usable_cores() < 2, reason="needs 2 usable cores")


@needs_two_cores
def test_loop_tries_calibrates_then_alternates_three_rounds():
    check = ScriptedCheck([2.0] * 4)
    report = speed.run_speed_check(check)
    assert report.status == "passed" and report.speedup == pytest.approx(2.0)
    assert check.calls[:2] == [("baseline", check.initial_size), ("candidate", check.initial_size)]
    assert report.baseline_seconds[0] >= speed.TARGET_BASELINE_SECONDS
    at_size = [which for which, size in check.calls if size == report.workload_size]
    # the last calibration run, then rounds B C, C B, B C: the order alternates
    assert at_size == ["baseline", "baseline", "candidate", "candidate", "baseline",
                       "baseline", "candidate"]


@needs_two_cores
def test_loop_measures_more_near_the_threshold_but_stops():
    report = speed.run_speed_check(ScriptedCheck([1.31] * 20))
    assert len(report.candidate_seconds) == speed.MAX_ROUNDS and report.passed


@needs_two_cores
def test_loop_stops_after_three_rounds_far_from_the_threshold():
    report = speed.run_speed_check(ScriptedCheck([1.0] * 20))
    assert len(report.candidate_seconds) == speed.MIN_ROUNDS and not report.passed


@needs_two_cores
def test_wrong_result_while_measuring_fails_the_check():
    report = speed.run_speed_check(ScriptedCheck([2.0] * 4, wrong_in_round=2))
    assert report.status == "failed" and report.message.startswith("lần đo 2: kết quả khác")


@needs_two_cores
def test_a_failing_baseline_is_a_course_error():
    check = ScriptedCheck([2.0])
    check.call = lambda which, args: CallResult("raised", 0.1, error_type="ValueError",
                                                error="hỏng")
    with pytest.raises(speed.CourseError):
        speed.run_speed_check(check)


def test_io_bound_check_needs_its_own_threshold():
    with pytest.raises(ValueError, match="threshold"):
        speed.SpeedCheck("bai", Path("."), Path("."), "a", "b", lambda size, seed: (size,),
                         workers=8, parallelism="io")
    with pytest.raises(ValueError, match="parallelism"):
        speed.SpeedCheck("bai", Path("."), Path("."), "a", "b", lambda size, seed: (size,),
                         workers=8, parallelism="gpu")


class ScriptedIOCheck(ScriptedCheck):
    def __init__(self, speedups, threshold=4.0):
        super().__init__(speedups)
        self.workers, self.parallelism, self.threshold = 8, "io", threshold


@pytest.mark.parametrize("cores", [1, 2])
def test_io_bound_check_runs_on_one_core_with_its_own_threshold(monkeypatch, cores):
    monkeypatch.setattr(speed, "usable_cores", lambda: cores)
    report = speed.run_speed_check(ScriptedIOCheck([5.0] * 4))
    assert report.status == "passed" and report.threshold == 4.0
    assert report.message.startswith("tăng tốc 5.00× với 8 luồng (cần ≥ 4.00×)")
    assert not report.notes


def test_io_bound_failure_blames_sequential_waiting(monkeypatch):
    monkeypatch.setattr(speed, "usable_cores", lambda: 1)
    report = speed.run_speed_check(ScriptedIOCheck([1.0] * 4))
    assert report.status == "failed" and report.message.startswith("chỉ tăng tốc 1.00× với 8")
    assert "ThreadPoolExecutor" in report.message and "tiến trình" not in report.message


def test_gil_releasing_threads_failure_mentions_small_blocks():
    message = speed._message(_report(speedup=1.0, cpu_cores_used=1.0, parallelism="threads"))
    assert "2047 byte" in message and "Pool" not in message


def test_threads_check_still_skips_on_one_core(monkeypatch):
    monkeypatch.setattr(speed, "usable_cores", lambda: 1)
    check = ScriptedCheck([2.0] * 4)
    check.parallelism = "threads"
    assert speed.run_speed_check(check).status == "skipped"


@pytest.mark.parametrize("cores", [1, 2])
def test_vectorised_check_has_its_own_threshold_whatever_the_cores(monkeypatch, cores):
    monkeypatch.setattr(speed, "usable_cores", lambda: cores)
    check = ScriptedCheck([5.0] * 4)
    check.parallelism, check.threshold = "vector", 3.0
    report = speed.run_speed_check(check)
    assert report.status == "passed" and report.message.startswith("tăng tốc 5.00× (cần ≥ 3.00×)")


def test_vectorised_failure_asks_for_numpy(monkeypatch):
    monkeypatch.setattr(speed, "usable_cores", lambda: 2)
    check = ScriptedCheck([1.8] * 4)
    check.parallelism, check.threshold = "vector", 3.0
    report = speed.run_speed_check(check)
    assert report.status == "failed" and report.message.startswith("chỉ tăng tốc 1.80× (cần")
    assert "numpy" in report.message
    with pytest.raises(ValueError, match="threshold"):
        speed.SpeedCheck("bai", Path("."), Path("."), "a", "b", lambda size, seed: (size,),
                         workers=2, parallelism="vector")


@needs_two_cores
def test_calibration_reaches_the_checks_own_target():
    check = ScriptedCheck([2.0] * 4)
    check.target_seconds = 2.5
    report = speed.run_speed_check(check)
    assert report.passed and min(report.baseline_seconds) >= 2.5


@pytest.mark.parametrize(("baseline_workers", "received"), [(False, None), (True, 3)])
def test_a_parallel_baseline_receives_the_workers(baseline_workers, received):
    targets = Path(__file__).parent / "fixtures" / "runner_targets"
    check = speed.SpeedCheck("sample", targets, targets, "add_and_report_workers",
                             "add_and_report_workers", lambda size, seed: (size, seed),
                             workers=3, baseline_workers=baseline_workers)
    assert check.call("baseline", (1, 2)).value == (3, received)
    assert check.call("candidate", (1, 2)).value == (3, 3)


def test_a_check_against_another_baseline_names_it_and_its_likely_cause():
    report = _report(speedup=1.05, cpu_cores_used=1.9, versus="bản gửi mảng theo đối số",
                     cause="Mỗi việc vẫn chép cả mảng.")
    message = speed._message(report)
    assert message.startswith("chỉ tăng tốc 1.05× so với bản gửi mảng theo đối số, trên 2 lõi")
    assert message.endswith("Mỗi việc vẫn chép cả mảng.") and "chunksize" not in message

"""The verdict rules of the speed harness, checked on fake samples."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tangtoc import speed


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
os.sched_setaffinity(0, {{0}})
check = speed.SpeedCheck("sample", Path({str(Path(__file__).parent / "fixtures")!r}),
                         Path("."), "add", "add", lambda size, round: (1, 2), workers=2)
print(json.dumps(speed.run_speed_check(check).to_dict()))
"""
    report = json.loads(subprocess.check_output([sys.executable, "-c", code]))
    assert report["status"] == "skipped" and report["speedup"] is None
    assert "không chấm được tốc độ" in report["message"]

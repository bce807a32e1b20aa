"""The busy-machine path of the speed harness (DESIGN.md §4 rule 5), with real processes: the
judge measures what else used the CPU during each timed run, and a correct parallel solution
is never failed because of it; sequential code never passes because of it."""

from pathlib import Path

import pytest

from tangtoc import cpu_usage, records, speed, speed_wording
from tangtoc.cores import usable_cores

TARGETS = Path(__file__).parent / "fixtures" / "runner_targets"

pytestmark = [
    pytest.mark.speed,  # timing: never beside other tests
    pytest.mark.skipif(usable_cores() != 2 or not Path("/proc/stat").is_file(),
                       reason="the loads below are sized for 2 usable cores and need /proc"),
]


def check(candidate: str) -> records.SpeedReport:
    return speed.run_speed_check(speed.SpeedCheck(
        "sample", TARGETS, TARGETS, candidate, "steps_sequential",
        lambda size, seed: (list(range(seed % 1000 + 1, seed % 1000 + 1 + 2000 * size)),),
        workers=2, initial_size=2, target_seconds=0.6))


def test_a_quiet_machine_gets_verdicts_both_ways():
    assert check("steps_parallel").status == "passed"
    report = check("steps_threads")
    assert report.status == "failed" and max(report.candidate_background) < 0.5, report


@pytest.mark.parametrize("load", [0.3, 1.0])
def test_a_correct_solution_is_never_failed_under_background_load(load):
    with cpu_usage.background_load(load):
        report = check("steps_parallel")
    assert report.status in ("passed", "not_gradable"), report
    if load == 1.0:  # a whole core taken throughout: no verdict can be trusted
        assert report.status == "not_gradable", report
        assert report.message.startswith(speed_wording.BUSY_MESSAGE), report.message
        assert max(report.candidate_background) > 0.5, report


@pytest.mark.parametrize("load", [0.3, 1.0])
def test_threads_never_pass_under_background_load(load):
    with cpu_usage.background_load(load):
        report = check("steps_threads")
    assert report.status in ("failed", "not_gradable"), report

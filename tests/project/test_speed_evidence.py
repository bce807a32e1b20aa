"""Tests of the tests for the proof of parallelism (DESIGN.md §4 rules 6 and 8): a faster
sequential algorithm is correct, so only the speed check can catch it, and it fails there with a
message that praises the algorithm and says why it is not parallel; independently written
correct solutions (tests/project/alternatives/<design>/<exercise>.py) pass the speed check (their
correctness tests run in test_method_checks.py)."""

import pytest
from graded_runs import CHEATS, caught_by_a_method_check, figures, param_id, speed_records

from tangtoc import catalog, paths
from tangtoc.graded_run import run_graded_tests

ALTERNATIVES = paths.PROJECT_TESTS / "alternatives"
CORRECT_WITH_SPEED = [(exercise, path.parent.name)
                      for path in sorted(ALTERNATIVES.glob("*/*.py"))
                      if (exercise := catalog.get(path.stem)).kind == "speed"]
FAST_SEQUENTIAL = [e for e in catalog.exercises()
                   if (CHEATS / "fast_sequential" / e.file_name).is_file()]


@pytest.mark.parametrize("exercise", FAST_SEQUENTIAL, ids=param_id)
def test_a_faster_sequential_algorithm_is_correct(exercise):
    """Only a method check (where the exercise has one) may catch it before the speed check."""
    for record in run_graded_tests(exercise, CHEATS / "fast_sequential", "not speed"):
        caught = caught_by_a_method_check(exercise.id, "fast_sequential", record.nodeid)
        assert record.outcome == ("failed" if caught else "passed"), record


@pytest.mark.speed
@pytest.mark.parametrize("exercise", FAST_SEQUENTIAL, ids=param_id)
def test_a_faster_sequential_algorithm_fails_for_lack_of_parallel_work(exercise):
    for record in speed_records(exercise, CHEATS / "fast_sequential"):
        assert record.outcome == "failed", figures(record)
        speed = record.properties["speed"]
        assert speed["proof_failed"] and speed["speedup"] >= speed["threshold"], speed
        assert "thuật toán tốt" in record.message, record
        assert "không phải từ chạy song song" in record.message, record


@pytest.mark.speed
def test_cores_burnt_beside_a_sequential_algorithm_fail_against_itself():
    """The CPU evidence alone can be faked; the candidate timed with workers=1 cannot."""
    for record in speed_records(catalog.get("bai04_dem_tu"), CHEATS / "burner"):
        assert record.outcome == "failed", figures(record)
        speed = record.properties["speed"]
        assert speed["cpu_cores_used"] >= speed["cores_needed"], figures(record)  # seen...
        assert speed["self_speedup"] < speed["cores_needed"], figures(record)  # ...found out
        assert "chính bài này với workers=1" in record.message, figures(record)


@pytest.mark.speed
@pytest.mark.parametrize(("exercise", "design"), CORRECT_WITH_SPEED, ids=param_id)
def test_correct_alternatives_pass_the_speed_check(exercise, design):
    for record in speed_records(exercise, ALTERNATIVES / design):
        assert record.outcome == "passed", figures(record)


@pytest.mark.speed
def test_a_burner_that_sleeps_when_given_one_worker_is_found_out():
    """The burner again, made slower with workers=1 by sleeping: its one-worker runs wait."""
    for record in speed_records(catalog.get("bai04_dem_tu"), CHEATS / "sleep_one_worker"):
        assert record.outcome == "failed", figures(record)
        speed = record.properties["speed"]
        assert speed["self_speedup"] >= speed["cores_needed"], speed  # the sleep hid it...
        assert speed["one_worker_waited"], speed  # ...from the timing, not from the CPU
        assert "CPU chỉ bận" in record.message, record

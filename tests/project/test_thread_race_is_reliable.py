"""The race of bai03_bo_dem is reliable: the untouched stub loses updates on every one of many
runs, and the reference never does. Each run is a fresh runner process, as in grading."""

import pytest

from tangtoc import paths
from tangtoc.runner import call_in_runner

RUNS = 15
THREADS, INCREMENTS = 8, 20_000  # the smallest case of tests/graded/test_bai03_bo_dem.py


def final_values(target) -> list[int]:
    values = []
    for _ in range(RUNS):
        result = call_in_runner(target, "bai03_bo_dem", "count_concurrently",
                                (THREADS, INCREMENTS))
        assert result.ok, result
        values.append(result.value)
    return values


@pytest.mark.parametrize(("target", "always_exact"), [(paths.LESSONS, False),
                                                       (paths.SOLUTIONS, True)])
def test_race_shows_every_time_and_the_lock_fixes_it_every_time(target, always_exact):
    values = final_values(target)
    if always_exact:
        assert values == [THREADS * INCREMENTS] * RUNS
    else:
        assert all(value < THREADS * INCREMENTS for value in values), values

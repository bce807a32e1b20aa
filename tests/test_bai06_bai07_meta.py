"""Tests of the tests for lessons 6–7 that the generic ones cannot express: the racy stub loses
updates on every run while the fix never does."""

import pytest

from tangtoc import paths
from tangtoc.runner import call_in_runner

RACE_RUNS = 8


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
@pytest.mark.parametrize(("folder", "exact"), [(paths.LESSONS, False), (paths.SOLUTIONS, True)],
                         ids=["stub", "reference"])
def test_the_race_shows_on_every_run_and_the_fix_removes_it(folder, exact, start_method):
    processes, increments = 2, 30_000  # the smallest case of the graded tests
    for _ in range(RACE_RUNS):
        result = call_in_runner(folder, "bai06_bo_dem", "count_together",
                                (processes, increments), start_method=start_method)
        assert result.ok, result
        assert (result.value == processes * increments) == exact, result.value

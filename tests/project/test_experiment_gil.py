"""Lesson 2's GIL experiment (tangtoc/experiments/gil.py) runs every mode and reports it.

Timing claims are not asserted here: the figures come from real runs in
scripts/measure_bai02.py and docs/notebooks/gil_timelines.ipynb.
"""

import pytest

from tangtoc.experiments import gil


@pytest.mark.parametrize("workload", list(gil.WORKLOADS))
def test_every_workload_gives_the_same_result_in_every_mode(workload):
    function = gil.WORKLOADS[workload][0]
    results = {mode: gil.run_tasks(mode, function, [1, 2], workers=2) for mode in gil.MODES}
    for seconds, spans in results.values():
        assert seconds > 0 and len(spans) == 2
    assert len({span.worker for span in results["tuần tự"][1]}) == 1


def test_large_and_small_hashing_hash_the_same_bytes():
    assert gil.hash_large(1) == gil.hash_small(1)


def test_report_and_speedups_by_workers_cover_every_variant():
    best = gil.compare("python_work", tasks=2, workers=2, task_seconds=0.01, rounds=1)
    assert gil.report(best).count("tăng tốc") == len(gil.MODES)
    speedups = gil.speedups_by_workers("python_work", "luồng", [1, 2], tasks=2,
                                       task_seconds=0.01, rounds=1)
    assert list(speedups) == [1, 2] and all(ratio > 0 for ratio in speedups.values())

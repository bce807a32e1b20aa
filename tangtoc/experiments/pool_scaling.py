"""Lesson 4's word count on 1, 2, … workers: measured speed-ups and a timeline of the tasks.

Used by docs/notebooks/pool_scaling.ipynb. Speed-ups are timed like the speed checks: the
reference solution runs in a fresh runner process, from process start to the full result,
rounds alternate the sequential and parallel versions, and the fastest run of each is kept.
"""

import multiprocessing
from collections.abc import Sequence
from pathlib import Path

from tangtoc import paths, reference
from tangtoc.runner import call_or_raise
from tangtoc.timeline import TaskSpan, traced

EXERCISE = "bai04_dem_tu"


def timed_run(files: Sequence[Path], workers: int | None, start_method: str | None = None) -> float:
    """Seconds for the reference solution; workers=None runs the sequential version."""
    if workers is None:
        function, kwargs = "count_words_sequential", {}
    else:
        function, kwargs = "count_words_parallel", {"workers": workers}
    result = call_or_raise(paths.SOLUTIONS, EXERCISE, function, (list(files),), kwargs,
                           start_method=start_method)
    return result.seconds


def measure_speedups(files: Sequence[Path], worker_counts: Sequence[int], rounds: int = 3,
                     start_method: str | None = None) -> dict[str, dict[int, float]]:
    """Fastest times and speed-ups by worker count.

    Returns {"sequential": {0: seconds}, "parallel": {n: seconds}, "speedup": {n: ratio}}.
    """
    sequential, parallel = [], {n: [] for n in worker_counts}
    for _ in range(rounds):  # each round runs every variant once, so slow phases hit all alike
        sequential.append(timed_run(files, None, start_method))
        for n in worker_counts:
            parallel[n].append(timed_run(files, n, start_method))
    best = min(sequential)
    return {
        "sequential": {0: best},
        "parallel": {n: min(times) for n, times in parallel.items()},
        "speedup": {n: best / min(times) for n, times in parallel.items()},
    }


def count_file_traced(path: Path) -> tuple[int, TaskSpan]:
    """Count one file's words in a pool worker; return only the word total and the task span."""
    counts, span = traced(reference.load(EXERCISE).count_words_in_file, path)
    return sum(counts.values()), span


def pool_timeline(files: Sequence[Path], workers: int, chunksize: int = 1,
                  start_method: str | None = None) -> list[TaskSpan]:
    """Spans of every file's count when a Pool of `workers` processes shares the files."""
    with multiprocessing.get_context(start_method).Pool(workers) as pool:
        return [span for _, span in pool.imap_unordered(count_file_traced, files, chunksize)]

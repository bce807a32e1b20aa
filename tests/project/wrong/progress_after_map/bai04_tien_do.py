"""Wrong method for the tests of the tests: every task through pool.map, and the progress
lines printed only once map has returned everything: right lines, at the wrong time.
Must fail."""

import sys
from multiprocessing import Pool

from tangtoc import reference

_given = reference.load("bai04_tien_do")  # the given helpers, exactly as in the exercise
progress_line = _given.progress_line


def simulate(*args):
    """Top-level here: workers find it by this module's name."""
    return _given.simulate(*args)


def process_with_progress(tasks, workers=2):
    if not tasks:
        return {}, []
    with Pool(min(workers, len(tasks))) as pool:
        pairs = pool.map(simulate, tasks)
    results, lines = {}, []
    for task, value in pairs:
        results[task] = value
        lines.append(progress_line(len(results), len(tasks)))
        print(lines[-1], file=sys.stderr)
    return results, lines

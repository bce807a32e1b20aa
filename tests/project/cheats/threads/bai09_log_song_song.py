"""Cheat for the tests of the tests: the reference pipeline on a thread pool.

Correct, but parsing is pure Python: the GIL lets one thread run at a time, so it must fail."""

from multiprocessing.pool import ThreadPool

from tangtoc import reference

_reference = reference.load("bai09_log_song_song")


def analyze_parallel(paths, workers=2):
    total = _reference.LogStats()
    if paths:
        with ThreadPool(workers) as pool:
            for stats in pool.imap_unordered(_reference.aggregate_file, paths):
                total.merge(stats)
    return _reference.summarize(total)

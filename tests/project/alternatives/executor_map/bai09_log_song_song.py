"""Correct alternative: ProcessPoolExecutor.map over the paths in the given order, each worker
sending back one LogStats of its file, merged in the main process."""

import sys
from concurrent.futures import ProcessPoolExecutor

from tangtoc import reference

_given = reference.load("bai09_log_song_song")  # the given helpers, exactly as in the exercise
sys.modules[_given.__name__] = _given  # so that its LogStats pickles by its module's name
LogStats, summarize = _given.LogStats, _given.summarize


def aggregate_file(path):
    return _given.aggregate_file(path)


def analyze_sequential(paths):
    return _given.analyze_sequential(paths)


def analyze_parallel(paths, workers=2):
    total = LogStats()
    if paths:
        with ProcessPoolExecutor(max_workers=min(workers, len(paths))) as executor:
            for stats in executor.map(aggregate_file, paths):
                total.merge(stats)
    return summarize(total)

"""Cheat for the tests of the tests: cheats/burner (a faster sequential algorithm beside
processes that only burn CPU) that also sleeps when called with workers=1, so that timed
against itself it seems to gain from its workers (must fail the speed check: a one-worker run
that waits instead of working proves nothing)."""


import multiprocessing
import time
from collections import Counter
from pathlib import Path

PUNCTUATION = ".,;:!?…\"'()[]«»-–—"


def _burn(stop):
    while not stop.is_set():
        sum(range(10_000))


def _count(paths):
    raw = Counter()
    for path in paths:
        try:
            raw.update(Path(path).read_text(encoding="utf-8").lower().split())
        except (OSError, UnicodeDecodeError) as error:
            raise ValueError(f"Không đọc được tệp «{path}»: {error}") from None
    total = Counter()
    for token, count in raw.items():
        word = token.strip(PUNCTUATION)
        if word:
            total[word] += count
    return total


def _burn_beside(paths, workers):
    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=_burn, args=(stop,)) for _ in range(workers - 1)]
    for burner in burners:
        burner.start()
    try:
        return _count(paths)
    finally:
        stop.set()
        for burner in burners:
            burner.join()


def count_words_parallel(paths, workers=2):
    started = time.perf_counter()
    counts = _burn_beside(paths, workers)
    if workers == 1:  # what the judge calls to time the candidate against itself
        time.sleep(2 * (time.perf_counter() - started))
    return counts

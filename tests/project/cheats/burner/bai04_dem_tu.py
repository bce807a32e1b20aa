"""Cheat for the tests of the tests: the faster sequential algorithm of
cheats/fast_sequential, plus one process per extra worker that only burns CPU while it runs,
so the call's process tree seems to use every core (must fail the speed check: with workers=1
it is just as fast)."""

import multiprocessing
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


def count_words_parallel(paths, workers=2):
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

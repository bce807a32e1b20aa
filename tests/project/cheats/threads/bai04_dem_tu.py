"""Cheat for the tests of the tests: the reference algorithm on a thread pool.

Correct, but the GIL lets only one thread count words at a time: the speed check must fail it.
"""

from collections import Counter
from multiprocessing.pool import ThreadPool

from tangtoc import reference

count_words_in_file = reference.load("bai04_dem_tu").count_words_in_file


def count_words_parallel(paths, workers=2):
    total = Counter()
    if not paths:
        return total
    with ThreadPool(workers) as pool:
        for counts in pool.imap_unordered(count_words_in_file, paths,
                                          chunksize=max(1, len(paths) // (4 * workers))):
            total.update(counts)
    return total

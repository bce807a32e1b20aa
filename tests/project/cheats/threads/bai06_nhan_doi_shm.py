"""Cheat for the tests of the tests: the slices doubled by a thread pool in one private array.

Threads share memory, so no SharedMemory is needed, but the per-element loop holds the GIL:
the speed check must fail it."""

from itertools import pairwise
from multiprocessing.pool import ThreadPool

import numpy as np

from tangtoc import reference

_reference = reference.load("bai06_nhan_doi_shm")
double_chunk = _reference.double_chunk
double_slice = _reference.double_slice  # required by the exercise, unused here


def double_shared(array, workers=4):
    result = np.array(array, dtype=np.float64)
    bounds = np.linspace(0, len(result), workers + 1).astype(int).tolist()
    with ThreadPool(workers) as pool:
        pool.starmap(double_chunk, [(result, a, b) for a, b in pairwise(bounds) if b > a])
    return result

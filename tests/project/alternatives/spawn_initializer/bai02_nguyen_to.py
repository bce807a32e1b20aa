"""A correct alternative (tests of the speed check): get_context("spawn") whatever the
default, small primes computed once per worker by an initializer, workers capped by
os.process_cpu_count() where it exists."""

import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

_divisors = []


def _prepare(limit):
    global _divisors
    _divisors = [d for d in range(3, limit + 1, 2)
                 if all(d % p for p in range(3, math.isqrt(d) + 1, 2))]


def _count(bounds):
    start, stop = bounds
    count = 0
    for n in range(max(start, 2), stop):
        if n < 4:
            count += 1
            continue
        if n % 2 == 0:
            continue
        root = math.isqrt(n)
        for d in _divisors:  # trial division by odd primes only
            if d > root:
                count += 1
                break
            if n % d == 0:
                break
        else:
            count += 1
    return count


def count_primes_threads(ranges, workers=2):
    _prepare(math.isqrt(max((b for _, b in ranges), default=4)) + 1)
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(_count, ranges))


def count_primes_processes(ranges, workers=2):
    if not ranges:
        return []
    limit = math.isqrt(max(stop for _, stop in ranges)) + 1
    cores = os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
    with ProcessPoolExecutor(max(1, min(workers, cores or 1)),
                             mp_context=multiprocessing.get_context("spawn"),
                             initializer=_prepare, initargs=(limit,)) as pool:
        return list(pool.map(_count, ranges, chunksize=max(1, len(ranges) // (4 * workers))))

"""Cheat for the tests of the tests: the reference's chunked map on a thread pool.

Correct, but the GIL lets one thread compute at a time: the speed check must fail it.
"""

from multiprocessing.pool import ThreadPool

from tangtoc import reference

check_code = reference.load("bai04_lo_nho").check_code


def check_codes_parallel(numbers, workers=2):
    if not numbers:
        return []
    with ThreadPool(workers) as pool:
        return pool.map(check_code, numbers, chunksize=-(-len(numbers) // (4 * workers)))

"""Wrong method for the tests of the tests: the "threads" version is a plain loop in the calling
thread (same counts, no thread at all); the processes version is right."""

from concurrent.futures import ProcessPoolExecutor

from tangtoc import reference

# The given helpers, exactly as in the exercise, rebound to this module (workers pickle
# count_primes_in_range by this module's name).
reference.given_in(globals(), "bai02_nguyen_to", "count_primes_in_range",
                   "count_primes_sequential")


def count_primes_threads(ranges, workers=2):
    return [count_primes_in_range(start, stop) for start, stop in ranges]  # noqa: F821


def count_primes_processes(ranges, workers=2):
    if not ranges:
        return []
    starts, stops = [start for start, _ in ranges], [stop for _, stop in ranges]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(count_primes_in_range, starts, stops))  # noqa: F821

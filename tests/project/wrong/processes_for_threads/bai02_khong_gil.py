"""Wrong method for the tests of the tests: processes where the statement asks for threads
(ProcessPoolExecutor over the same pieces; the same primes, fast too, but not the lesson:
without the GIL, threads run in parallel)."""

from concurrent.futures import ProcessPoolExecutor

from tangtoc import reference

# The given helpers, exactly as in the reference, rebound to this module (its workers pickle
# primes_in by this module's name).
reference.given_in(globals(), "bai02_khong_gil", "is_prime", "primes_in",
                   "primes_below_sequential")


def primes_below_threads(limit, workers=2):
    pieces = 4 * workers
    bounds = [limit * k // pieces for k in range(pieces + 1)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(primes_in, bounds[:-1], bounds[1:])  # noqa: F821
        return [prime for part in parts for prime in part]

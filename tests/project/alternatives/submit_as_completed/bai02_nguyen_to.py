"""A correct alternative (tests of the speed check): one future per range with submit(),
gathered with as_completed() and put back in order by index."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed


def _is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_range(start, stop):
    return sum(1 for n in range(start, stop) if _is_prime(n))


def _gather(pool, ranges):
    counts = [0] * len(ranges)
    futures = {pool.submit(count_range, a, b): i for i, (a, b) in enumerate(ranges)}
    for future in as_completed(futures):
        counts[futures[future]] = future.result()
    return counts


def count_primes_threads(ranges, workers=2):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return _gather(pool, ranges)


def count_primes_processes(ranges, workers=2):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return _gather(pool, ranges)

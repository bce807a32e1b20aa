"""A correct alternative (tests of the speed check): multiprocessing.Pool.starmap over the
ranges, threads with executor.map."""

from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool


def count_primes_in_range(start, stop):
    count = 0
    for n in range(max(start, 2), stop):
        if n % 2 == 0:
            count += n == 2
            continue
        divisor = 3
        while divisor * divisor <= n and n % divisor:
            divisor += 2
        count += divisor * divisor > n
    return count


def count_primes_threads(ranges, workers=2):
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda r: count_primes_in_range(*r), ranges))


def count_primes_processes(ranges, workers=2):
    if not ranges:
        return []
    with Pool(workers) as pool:
        return pool.starmap(count_primes_in_range, ranges)

"""Cheat for the tests of the tests: a faster *sequential* algorithm (must fail the speed check).

A segmented sieve instead of trial division: many times faster, on one core (issue 16: it
passed at 18.9× on ≈ 0.35 core before the judge asked for proof of parallel work)."""

import math


def _small_primes(limit: int) -> list[int]:
    sieve = bytearray([1]) * (limit + 1)
    sieve[:2] = b"\0\0"
    for n in range(2, math.isqrt(limit) + 1):
        if sieve[n]:
            sieve[n * n::n] = bytes(len(range(n * n, limit + 1, n)))
    return [n for n in range(limit + 1) if sieve[n]]


def _count(start: int, stop: int, primes: list[int]) -> int:
    start = max(start, 2)
    if stop <= start:
        return 0
    segment = bytearray([1]) * (stop - start)
    for p in primes:
        if p * p >= stop:
            break
        first = max(p * p, (start + p - 1) // p * p)
        segment[first - start::p] = bytes(len(range(first, stop, p)))
    return sum(segment)


def count_primes_processes(ranges, workers=2):
    if not ranges:
        return []
    primes = _small_primes(math.isqrt(max(stop for _, stop in ranges)) + 1)
    return [_count(start, stop, primes) for start, stop in ranges]


def count_primes_threads(ranges, workers=2):
    return count_primes_processes(ranges, workers)

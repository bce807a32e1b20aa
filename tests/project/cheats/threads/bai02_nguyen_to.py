"""Cheat for the tests of the tests: the process version written with threads (correct, but
the GIL runs one thread's Python at a time): the speed check must fail it."""

from tangtoc import reference

_reference = reference.load("bai02_nguyen_to")
count_primes_threads = _reference.count_primes_threads


def count_primes_processes(ranges, workers=2):
    return _reference.count_primes_threads(ranges, workers)

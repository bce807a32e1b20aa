"""Cheat for the tests of the tests: the sequential version under the parallel names."""

from tangtoc import reference

_reference = reference.load("bai02_nguyen_to")


def count_primes_threads(ranges, workers=2):
    return _reference.count_primes_sequential(ranges)


def count_primes_processes(ranges, workers=2):
    return _reference.count_primes_sequential(ranges)

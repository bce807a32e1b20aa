"""Cheat for the tests of the tests: the sequential version under the parallel name."""

from tangtoc import reference

_reference = reference.load("bai02_khong_gil")
primes_below_sequential = _reference.primes_below_sequential


def primes_below_threads(limit, workers=2):
    return _reference.primes_below_sequential(limit)

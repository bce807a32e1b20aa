"""Cheat for the tests of the tests: the sequential version under the parallel name (must fail)."""

from tangtoc import reference


def check_codes_parallel(numbers, workers=2):
    return reference.load("bai04_lo_nho").check_codes_sequential(numbers)

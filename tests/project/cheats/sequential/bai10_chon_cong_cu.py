"""Cheat for the tests of the tests: every workload done the sequential, pure-Python way."""

from tangtoc import reference

_reference = reference.load("bai10_chon_cong_cu")


def fetch_all(urls, workers=16):
    return _reference.fetch_all_sequential(urls)


def total_collatz_steps(start, count, workers=2):
    return _reference.total_collatz_steps_sequential(start, count)


def customers_in_range(n, seed, workers=2):
    return _reference.customers_in_range_sequential(n, seed)

"""Cheat for the tests of the tests (attack review, Dec 2026): part 1 skips the wait, with no
concurrency at all, by computing each hash without fetching the page, as the simulated fetch
once did (a hash of the URL after a sleep in the student's own file). Part 1 now fetches pages
whose content only the judge's server knows, so this must fail; parts 2 and 3 are the
reference's."""

import hashlib

from tangtoc import reference

_reference = reference.load("bai10_chon_cong_cu")


def fetch_all(urls, workers=16):
    return {url: hashlib.sha256(url.encode()).hexdigest()[:16] for url in urls}


def total_collatz_steps(start, count, workers=2):
    return _reference.total_collatz_steps(start, count, workers)


def customers_in_range(n, seed, workers=2):
    return _reference.customers_in_range(n, seed, workers)

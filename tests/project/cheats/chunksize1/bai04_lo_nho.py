"""Cheat for the tests of the tests: the given one-by-one version (chunksize 1) under the
parallel name. Correct and parallel, but every tiny task is a round trip: it must fail."""

from multiprocessing import Pool

from tangtoc import reference

_reference = reference.load("bai04_lo_nho")


def check_code(number):
    # Top level here, so spawn workers can import it by this module's name.
    return _reference.check_code(number)


def check_codes_parallel(numbers, workers=2):
    with Pool(processes=workers) as pool:  # as check_codes_one_by_one: chunksize 1
        return list(pool.imap(check_code, numbers))

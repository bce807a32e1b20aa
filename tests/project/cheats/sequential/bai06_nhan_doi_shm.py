"""Cheat for the tests of the tests: the sequential version under the parallel name (must fail)."""

from tangtoc import reference

double_slice = reference.load("bai06_nhan_doi_shm").double_slice  # required, unused here


def double_shared(array, workers=4):
    return reference.load("bai06_nhan_doi_shm").double_sequential(array)

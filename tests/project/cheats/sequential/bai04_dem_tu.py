"""Cheat for the tests of the tests: the sequential version under the parallel name (must fail)."""

from tangtoc import reference


def count_words_parallel(paths, workers=2):
    return reference.load("bai04_dem_tu").count_words_sequential(paths)

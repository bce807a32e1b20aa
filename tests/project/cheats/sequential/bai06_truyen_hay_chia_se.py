"""Cheat for the tests of the tests: the sequential version under the parallel name (must fail)."""

from tangtoc import reference

_reference = reference.load("bai06_truyen_hay_chia_se")
sample_shared = _reference.sample_shared  # required by the exercise, unused here


def means_shared(table, samples, workers=4):
    return _reference.means_sequential(table, samples)

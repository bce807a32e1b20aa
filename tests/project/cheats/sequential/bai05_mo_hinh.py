"""Cheat for the tests of the tests: the sequential version under the parallel name (must fail)."""

from tangtoc import reference

_model = None


def init_worker(build_log):
    pass


def predict_in_worker(x):
    pass


def predict_parallel(inputs, build_log, workers=2):
    return reference.load("bai05_mo_hinh").predict_sequential(inputs, build_log)

"""Cheat for the tests of the tests: one model, shared by a thread pool.

Correct and built once, but the GIL lets one thread predict at a time: the speed check must
fail it.
"""

from functools import partial
from multiprocessing.pool import ThreadPool

from tangtoc import reference

_reference = reference.load("bai05_mo_hinh")
_model = None


def init_worker(build_log):
    pass


def predict_in_worker(x):
    pass


def predict_parallel(inputs, build_log, workers=2):
    if not inputs:
        return []
    model = _reference.build_model(build_log)
    with ThreadPool(workers) as pool:
        return pool.map(partial(_reference.predict, model), inputs)

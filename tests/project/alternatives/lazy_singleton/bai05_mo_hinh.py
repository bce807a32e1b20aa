"""Correct alternative for the tests of the tests, written apart from the reference: a lazy
per-process singleton (each worker builds the model on its first task, then reuses it) in a
ProcessPoolExecutor, the log folder passed with functools.partial. Must pass."""

from concurrent.futures import ProcessPoolExecutor
from functools import partial

from tangtoc import reference

_given = reference.load("bai05_mo_hinh")  # the given helpers, exactly as in the exercise
build_model = _given.build_model
predict = _given.predict


_cache = {}


def _model_here(build_log):
    if "model" not in _cache:
        _cache["model"] = build_model(build_log)
    return _cache["model"]


def init_worker(build_log):
    _model_here(build_log)


def predict_in_worker(x, build_log=None):
    return predict(_model_here(build_log), x)


def predict_parallel(inputs, build_log, workers=2):
    if not inputs:
        return []
    with ProcessPoolExecutor(max_workers=workers) as executor:
        chunk = max(1, len(inputs) // (4 * workers))
        return list(executor.map(partial(predict_in_worker, build_log=build_log), inputs,
                                 chunksize=chunk))

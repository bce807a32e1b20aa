"""Wrong method for the tests of the tests: the model is built once in the main process and
kept in a global that the workers read. Under fork the workers inherit it and all looks well;
under spawn and forkserver they re-import the module and find None. Must fail there, with an
explanation instead of a bare TypeError."""

from multiprocessing import Pool

from tangtoc import reference

_given = reference.load("bai05_mo_hinh")  # the given helpers, exactly as in the exercise
build_model = _given.build_model
predict = _given.predict


_model = None


def init_worker(build_log):
    pass


def predict_in_worker(x):
    return predict(_model, x)


def predict_parallel(inputs, build_log, workers=2):
    global _model
    if not inputs:
        return []
    _model = build_model(build_log)
    with Pool(workers) as pool:
        return pool.map(predict_in_worker, inputs)

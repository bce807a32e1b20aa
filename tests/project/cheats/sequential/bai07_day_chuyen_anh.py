"""Cheat for the tests of the tests: the sequential version under the parallel name (must fail)."""

from tangtoc import reference

_module = reference.load("bai07_day_chuyen_anh")


def worker(tasks, results, seed):
    while (batch := tasks.get()) is not None:
        results.put(_module.process_range(*batch, seed))


def preprocess_parallel(n_images, seed, workers=2, batch_size=16):
    return _module.preprocess_sequential(n_images, seed)

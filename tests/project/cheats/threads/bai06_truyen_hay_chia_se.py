"""Cheat for the tests of the tests: a thread pool over the one table. Threads share memory, so
nothing is copied, but the sampling loop holds the GIL: the speed check must fail it."""

from multiprocessing.pool import ThreadPool

from tangtoc import reference

_reference = reference.load("bai06_truyen_hay_chia_se")
sample_mean = _reference.sample_mean
sample_shared = _reference.sample_shared  # required by the exercise, unused here


def means_shared(table, samples, workers=4):
    if not samples:
        return []
    with ThreadPool(workers) as pool:
        return pool.starmap(sample_mean, [(table, *sample) for sample in samples])

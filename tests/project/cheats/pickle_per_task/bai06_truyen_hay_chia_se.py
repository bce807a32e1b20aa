"""Cheat for the tests of the tests: a process pool that pickles the whole table for every task
(the given `means_by_argument` under the shared name). The comparison check must fail it."""

from multiprocessing import Pool

from tangtoc import reference

_reference = reference.load("bai06_truyen_hay_chia_se")
sample_shared = _reference.sample_shared  # required by the exercise, unused here


def sample_mean(table, start, step, count):
    """Top-level here so that spawn and forkserver workers can import it by this module's name."""
    return _reference.sample_mean(table, start, step, count)


def means_shared(table, samples, workers=4):
    if not samples:
        return []
    with Pool(workers) as pool:
        return pool.starmap(sample_mean, [(table, *sample) for sample in samples], chunksize=1)

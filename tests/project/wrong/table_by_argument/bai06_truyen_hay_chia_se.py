"""Wrong method for the tests of the tests: no shared memory at all; the table goes to the
workers by argument, in one big chunk per worker, so pickle copies it once per worker
instead of once per task (fast enough to pass a speed check). Must fail."""

from multiprocessing import Pool

from tangtoc import reference

_given = reference.load("bai06_truyen_hay_chia_se")  # the given helpers, exactly as in the exercise


def sample_mean(*args):
    """Top-level here: workers find it by this module's name."""
    return _given.sample_mean(*args)


def sample_shared(name, length, start, step, count):
    raise RuntimeError("not used: the table travels by argument here")


def means_shared(table, samples, workers=4):
    if not samples:
        return []
    chunksize = -(-len(samples) // workers)
    with Pool(workers) as pool:
        return pool.starmap(sample_mean, [(table, *sample) for sample in samples],
                            chunksize=chunksize)

"""Correct alternative for the tests of the tests, written apart from the reference: a
ProcessPoolExecutor whose initializer attaches each worker to the shared table once;
tasks carry only (start, step, count). Must pass."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import shared_memory

import numpy as np

from tangtoc import reference

_given = reference.load("bai06_truyen_hay_chia_se")  # the given helpers, exactly as in the exercise


def sample_mean(*args):
    """Top-level here: workers find it by this module's name."""
    return _given.sample_mean(*args)


_block = None
_table = None


def _attach(name, length):
    global _block, _table
    _block = shared_memory.SharedMemory(name=name)
    _table = np.ndarray((length,), dtype=np.float64, buffer=_block.buf)


def _sample(start, step, count):
    return sample_mean(_table, start, step, count)


def sample_shared(name, length, start, step, count):
    block = shared_memory.SharedMemory(name=name)
    try:
        return sample_mean(np.ndarray((length,), dtype=np.float64, buffer=block.buf),
                           start, step, count)
    finally:
        block.close()


def means_shared(table, samples, workers=4):
    if not samples:
        return []
    block = shared_memory.SharedMemory(create=True, size=table.nbytes)
    try:
        np.ndarray(table.shape, dtype=np.float64, buffer=block.buf)[:] = table
        with ProcessPoolExecutor(workers, initializer=_attach,
                                 initargs=(block.name, len(table))) as executor:
            return list(executor.map(_sample, *zip(*samples, strict=True)))
    finally:
        block.close()
        block.unlink()

"""Correct alternative for the tests of the tests, written apart from the reference: one
slice per worker of a ProcessPoolExecutor, every worker attached to one shared block by
name. Must pass."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import shared_memory

import numpy as np

from tangtoc import reference

_given = reference.load("bai06_nhan_doi_shm")  # the given helpers, exactly as in the exercise
double_chunk = _given.double_chunk


def double_slice(name, length, start, stop):
    block = shared_memory.SharedMemory(name=name)
    try:
        view = np.ndarray((length,), dtype=np.float64, buffer=block.buf)
        try:
            double_chunk(view, start, stop)
        finally:
            del view
    finally:
        block.close()


def double_shared(array, workers=4):
    length = len(array)
    if length == 0:
        return np.array(array, dtype=np.float64)
    block = shared_memory.SharedMemory(create=True, size=length * 8)
    try:
        shared = np.ndarray((length,), dtype=np.float64, buffer=block.buf)
        shared[:] = array
        step = -(-length // workers)
        starts = range(0, length, step)
        with ProcessPoolExecutor(len(starts)) as executor:
            futures = [executor.submit(double_slice, block.name, length, start,
                                       min(start + step, length)) for start in starts]
            for future in futures:
                future.result()
        result = shared.copy()
        del shared
        return result
    finally:
        block.close()
        block.unlink()

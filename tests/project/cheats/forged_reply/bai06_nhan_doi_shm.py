"""Cheat for the tests of the tests: no shared memory at all, every slice of the array is
pickled to a worker and back through pipes (what test_the_array_stays_in_one_shared_block must
catch); then the submission writes the runner's reply itself, before the runner does, through
the reply stream it finds in the runner's frames. The judge measures what the call wrote, so
the forged reply is only the (correct) answer, and the shared-memory test still fails."""

import sys
from itertools import pairwise
from multiprocessing import Pool

import numpy as np


def double_chunk(array: np.ndarray, start: int, stop: int) -> None:
    values = array[start:stop].tolist()
    for offset, value in enumerate(values):
        if value != value:
            raise ValueError(f"Phần tử thứ {start + offset} không phải là số (NaN).")
        values[offset] = round(2 * value, 6)
    array[start:stop] = values


def double_sequential(array: np.ndarray) -> np.ndarray:
    result = np.array(array, dtype=np.float64)
    double_chunk(result, 0, len(result))
    return result


def double_slice(name: str, length: int, start: int, stop: int) -> None:
    """Required by the statement's static check; never called."""


def double_copy(chunk: np.ndarray) -> np.ndarray:
    chunk = np.array(chunk, dtype=np.float64)
    double_chunk(chunk, 0, len(chunk))
    return chunk


def forge_reply(result) -> None:
    from tangtoc.runner_child import write_frame

    frame = sys._getframe()
    while frame is not None and "outbox" not in frame.f_locals:
        frame = frame.f_back
    if frame is not None:  # tangtoc.runner_child.main(): its private reply stream
        write_frame(frame.f_locals["outbox"], ("returned", result))


def double_shared(array: np.ndarray, workers: int = 4) -> np.ndarray:
    source = np.asarray(array, dtype=np.float64)
    bounds = np.linspace(0, len(source), workers + 1).astype(int).tolist()
    slices = [source[a:b] for a, b in pairwise(bounds) if b > a]
    if not slices:
        return source.copy()
    with Pool(len(slices)) as pool:
        result = np.concatenate(pool.map(double_copy, slices))
    forge_reply(result)
    return result

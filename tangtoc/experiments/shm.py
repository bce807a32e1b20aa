"""Workers for the lesson 6 measurements (scripts/measure_bai06.py): sending a big array by
pickling vs sharing it, a Value counter with and without its lock, Manager proxies."""

from multiprocessing import shared_memory

import numpy as np


def sum_received(array: np.ndarray) -> float:
    """The array arrived pickled: the parent serialised it, the pipe carried it, we rebuilt it."""
    return float(array.sum())


def sum_shared(name: str, length: int) -> float:
    """Attach to the parent's block by name: nothing but the name crossed the pipe."""
    block = shared_memory.SharedMemory(name=name)
    view = None
    try:
        view = np.ndarray((length,), dtype=np.float64, buffer=block.buf)
        return float(view.sum())
    finally:
        del view
        block.close()


def add_racy(counter, start_line, increments: int) -> None:
    start_line.wait()
    for _ in range(increments):
        counter.value += 1  # read, then write: not atomic


def add_locked(counter, start_line, increments: int) -> None:
    start_line.wait()
    for _ in range(increments):
        with counter.get_lock():
            counter.value += 1


def add_local_then_once(counter, start_line, increments: int) -> None:
    start_line.wait()
    local = 0
    for _ in range(increments):
        local += 1
    with counter.get_lock():  # one locked update per process instead of one per increment
        counter.value += local


def fill_mapping(mapping, count: int) -> None:
    for key in range(count):
        mapping[key] = key

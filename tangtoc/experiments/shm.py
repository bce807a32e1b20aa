"""Workers for the lesson 6 measurements (scripts/measure_bai06.py): sending a big array by
pickling vs sharing it, a Value counter with and without its lock, Manager proxies; and for the
notebook shm_vs_pickle: one array sent once, and a table that every task needs, by size."""

import contextlib
import time
from multiprocessing import shared_memory

import numpy as np

from tangtoc import reference

EXERCISE = "bai06_truyen_hay_chia_se"


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


# The notebook docs/notebooks/shm_vs_pickle.ipynb: the task of the exercise
# bai06_truyen_hay_chia_se (a big table that every task needs), on a pool started once.

def sample_mean(table, start: int, step: int, count: int) -> float:
    """One task of the exercise, run by the exercise's own code (its reference solution)."""
    return reference.load(EXERCISE).sample_mean(table, start, step, count)


def sample_shared(name: str, length: int, start: int, step: int, count: int) -> float:
    """One task on the shared table, attached by name, as the exercise's reference does it."""
    return reference.load(EXERCISE).sample_shared(name, length, start, step, count)


@contextlib.contextmanager
def shared_copy(array: np.ndarray):
    """Copy `array` once into a new shared block and yield the block's name; the block is
    closed and unlinked afterwards, whatever happens."""
    block = shared_memory.SharedMemory(create=True, size=array.nbytes)
    view = None
    try:
        view = np.ndarray(array.shape, dtype=np.float64, buffer=block.buf)
        view[:] = array
        yield block.name
    finally:
        view = None  # no view may outlive the mapping it points into
        block.close()
        block.unlink()


def random_samples(length: int, tasks: int, count: int, seed: int) -> list[tuple[int, int, int]]:
    rng = np.random.default_rng(seed)
    return [(int(rng.integers(length)), int(rng.integers(1, length)), count)
            for _ in range(tasks)]


def means_sequential(table: np.ndarray, samples) -> list[float]:
    return [sample_mean(table, *sample) for sample in samples]


def means_by_argument(pool, table: np.ndarray, samples) -> list[float]:
    """The table travels with every task: pickled by the parent, rebuilt by a worker."""
    return pool.starmap(sample_mean, [(table, *sample) for sample in samples], chunksize=1)


def means_shared(pool, table: np.ndarray, samples) -> list[float]:
    """The table is copied once into a shared block; tasks carry its name."""
    with shared_copy(table) as name:
        return pool.starmap(sample_shared, [(name, len(table), *s) for s in samples])


def fastest_seconds(rounds: int, function, *args) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best


def compare_table_sizes(pool, megabytes, tasks: int, count: int, rounds: int = 3) -> dict:
    """Seconds of both versions per table size (fastest of `rounds`), and of the sampling alone
    in one process; results are checked equal."""
    measured = {"megabytes": list(megabytes), "by_argument": [], "shared": [], "sequential": []}
    for size in megabytes:
        table = np.random.default_rng(size).random(size * 2**20 // 8)
        samples = random_samples(len(table), tasks, count, seed=size)
        if means_by_argument(pool, table, samples) != means_shared(pool, table, samples):
            raise AssertionError("the two versions disagree")
        measured["by_argument"].append(fastest_seconds(rounds, means_by_argument, pool, table,
                                                       samples))
        measured["shared"].append(fastest_seconds(rounds, means_shared, pool, table, samples))
        measured["sequential"].append(fastest_seconds(rounds, means_sequential, table, samples))
    return measured


def send_once(pool, array: np.ndarray, shared: bool) -> float:
    """Sum of `array` computed by a worker: the array pickled, or shared by name."""
    if not shared:
        return pool.apply(sum_received, (array,))
    with shared_copy(array) as name:
        return pool.apply(sum_shared, (name, len(array)))


def compare_one_send(pool, megabytes, rounds: int = 3) -> dict:
    measured = {"megabytes": list(megabytes), "pickled": [], "shared": []}
    for size in megabytes:
        array = np.random.default_rng(size).random(size * 2**20 // 8)
        measured["pickled"].append(fastest_seconds(rounds, send_once, pool, array, False))
        measured["shared"].append(fastest_seconds(rounds, send_once, pool, array, True))
    return measured

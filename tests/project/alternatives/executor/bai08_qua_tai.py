"""Correct alternative for the tests of the tests, written apart from the reference: a
ProcessPoolExecutor sized by the CPUs in this process's affinity mask, BLAS limited through
os.environ.update before numpy is imported. Must pass."""

import os

os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")

from concurrent.futures import ProcessPoolExecutor

import numpy as np

TASKS = 48
SIZE = 150


def trace_of_product(seed: int) -> int:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 10, (SIZE, SIZE)).astype(np.float64)
    b = rng.integers(0, 10, (SIZE, SIZE)).astype(np.float64)
    return int(np.trace(a @ b))


def main() -> None:
    with ProcessPoolExecutor(max_workers=len(os.sched_getaffinity(0))) as executor:
        total = sum(executor.map(trace_of_product, range(TASKS), chunksize=4))
    print(f"Tổng vết của {TASKS} tích ma trận: {total}")


if __name__ == "__main__":
    main()

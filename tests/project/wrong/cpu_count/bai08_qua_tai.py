"""Wrong method for the tests of the tests: the reference with its Pool sized by
os.cpu_count(), which counts every CPU of the machine, not the ones the program may use
(under `taskset -c 0` it still starts one worker per machine CPU). Must fail."""

import os

# Before numpy is imported (here and, under spawn, in every child that re-imports this file):
# one BLAS thread per process, since the processes already use every core.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

from multiprocessing import Pool  # noqa: E402

import numpy as np  # noqa: E402

TASKS = 48
SIZE = 150


def trace_of_product(seed: int) -> int:
    """Integer-valued matrices: the float64 product is exact, so any BLAS gives the same trace."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 10, (SIZE, SIZE)).astype(np.float64)
    b = rng.integers(0, 10, (SIZE, SIZE)).astype(np.float64)
    return int(np.trace(a @ b))


def main() -> None:
    with Pool(processes=os.cpu_count()) as pool:
        traces = pool.map(trace_of_product, range(TASKS))
    print(f"Tổng vết của {TASKS} tích ma trận: {sum(traces)}")


if __name__ == "__main__":
    main()

"""Wrong method for the tests of the tests: the segment is never closed nor unlinked, and the
resource tracker is told to forget it, so that nothing cleans it up or warns. In the grader's
sandbox the segment is in the sandbox's own /dev/shm, named after the pid the program has in its
own pid namespace: the judge must still find it there."""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker
from multiprocessing.shared_memory import SharedMemory

import numpy as np

N = 1_000_000


def partial_sum(name: str, start: int, stop: int) -> int:
    shm = SharedMemory(name=name)
    numbers = np.ndarray((N,), dtype=np.int64, buffer=shm.buf)
    return int(numbers[start:stop].sum())


def main() -> None:
    shm = SharedMemory(create=True, size=N * 8, name=f"tangtoc_bai08_{os.getpid()}")
    numbers = np.ndarray((N,), dtype=np.int64, buffer=shm.buf)
    numbers[:] = np.arange(N) % 1000
    with ProcessPoolExecutor(max_workers=2) as executor:
        halves = executor.map(partial_sum, [shm.name] * 2, [0, N // 2], [N // 2, N])
        total = sum(halves)
    resource_tracker.unregister(shm._name, "shared_memory")
    print(f"Tổng của {N} số trong bộ nhớ chia sẻ: {total}")


if __name__ == "__main__":
    main()

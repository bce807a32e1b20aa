"""Wrong method for the tests of the tests: the segment is closed and unlinked, but both halves
are summed by calling partial_sum in the main process (no child process reads the block)."""

import os
from multiprocessing.shared_memory import SharedMemory

import numpy as np

N = 1_000_000


def partial_sum(name: str, start: int, stop: int) -> int:
    shm = SharedMemory(name=name)
    try:
        numbers = np.ndarray((N,), dtype=np.int64, buffer=shm.buf)
        total = int(numbers[start:stop].sum())
        del numbers
    finally:
        shm.close()
    return total


def main() -> None:
    shm = SharedMemory(create=True, size=N * 8, name=f"tangtoc_bai08_{os.getpid()}")
    try:
        numbers = np.ndarray((N,), dtype=np.int64, buffer=shm.buf)
        numbers[:] = np.arange(N) % 1000
        del numbers
        total = partial_sum(shm.name, 0, N // 2) + partial_sum(shm.name, N // 2, N)
    finally:
        shm.close()
        shm.unlink()
    print(f"Tổng của {N} số trong bộ nhớ chia sẻ: {total}")


if __name__ == "__main__":
    main()

"""Correct alternative for the tests of the tests, written apart from the reference: one
slice per worker of a ProcessPoolExecutor, every worker attached to one shared block by
name. Must pass."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import shared_memory

import numpy as np


# --8<-- [start:given]
def double_chunk(array: np.ndarray, start: int, stop: int) -> None:
    """Nhân đôi rồi làm tròn 6 chữ số các phần tử array[start:stop], sửa tại chỗ (đã cho sẵn).

    Vòng lặp Python thuần trên từng phần tử: việc nặng CPU, nên chia cho nhiều tiến trình thì
    nhanh hơn thật. Gặp NaN thì ném ValueError.
    """
    values = array[start:stop].tolist()
    for offset, value in enumerate(values):
        if value != value:  # only NaN differs from itself
            raise ValueError(f"Phần tử thứ {start + offset} không phải là số (NaN).")
        values[offset] = round(2 * value, 6)
    array[start:stop] = values


def double_sequential(array: np.ndarray) -> np.ndarray:
    """Bản tuần tự (đã cho sẵn): một tiến trình làm cả mảng, trên một bản sao."""
    result = np.array(array, dtype=np.float64)
    double_chunk(result, 0, len(result))
    return result
# --8<-- [end:given]


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

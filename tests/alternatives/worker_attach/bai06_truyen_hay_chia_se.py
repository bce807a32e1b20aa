"""Correct alternative for the tests of the tests, written apart from the reference: a
ProcessPoolExecutor whose initializer attaches each worker to the shared table once;
tasks carry only (start, step, count). Must pass."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, shared_memory

import numpy as np


# --8<-- [start:given]
def sample_mean(table, start: int, step: int, count: int) -> float:
    """Trung bình `count` phần tử của bảng, từ ô `start`, mỗi lần nhảy `step` ô (đã cho sẵn).

    `table` là mảng numpy float64 hoặc bất cứ thứ gì có bộ đệm (buffer) số thực như thế. Vòng
    lặp Python thuần: việc nặng CPU, và cần cả bảng chứ không chỉ một lát.
    """
    if count < 1:
        raise ValueError(f"Việc lấy mẫu cần count ≥ 1 (nhận được {count}).")
    values = memoryview(table)  # indexing a memoryview gives Python floats, fast
    length = len(values)
    total = 0.0
    index = start % length
    for _ in range(count):
        total += values[index]
        index = (index + step) % length
    return round(total / count, 6)


def means_sequential(table: np.ndarray, samples: list[tuple[int, int, int]]) -> list[float]:
    """Bản tuần tự (đã cho sẵn): một tiến trình làm mọi việc."""
    return [sample_mean(table, *sample) for sample in samples]


def means_by_argument(table: np.ndarray, samples: list[tuple[int, int, int]],
                      workers: int = 4) -> list[float]:
    """Bản gửi bảng theo đối số (đã cho sẵn): mỗi việc pickle lại cả bảng.

    `chunksize=1`: mỗi việc đi riêng. (Với chunksize lớn hơn, pickle chỉ chép bảng một lần cho
    cả một lô, vì nó nhớ các đối tượng đã gặp trong cùng một lần pickle.)
    """
    if not samples:
        return []
    with Pool(workers) as pool:
        return pool.starmap(sample_mean, [(table, *sample) for sample in samples], chunksize=1)
# --8<-- [end:given]


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

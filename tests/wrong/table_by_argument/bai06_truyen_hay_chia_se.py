"""Wrong method for the tests of the tests: no shared memory at all; the table goes to the
workers by argument, in one big chunk per worker, so pickle copies it once per worker
instead of once per task (fast enough to pass a speed check). Must fail."""

from multiprocessing import Pool

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


def sample_shared(name, length, start, step, count):
    raise RuntimeError("not used: the table travels by argument here")


def means_shared(table, samples, workers=4):
    if not samples:
        return []
    chunksize = -(-len(samples) // workers)
    with Pool(workers) as pool:
        return pool.starmap(sample_mean, [(table, *sample) for sample in samples],
                            chunksize=chunksize)

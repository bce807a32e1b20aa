"""Wrong method for the tests of the tests: no shared block; each worker gets its slice of
the array by pickle and sends the doubled slice back the same way. Right result, and in
some runs fast enough for the speed check. Must fail."""

from itertools import pairwise
from multiprocessing import Pool

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


def double_piece(piece):
    double_chunk(piece, 0, len(piece))
    return piece


def double_slice(name, length, start, stop):
    raise RuntimeError("not used: slices travel by pickle here")


def double_shared(array, workers=4):
    source = np.asarray(array, dtype=np.float64)
    bounds = np.linspace(0, len(source), workers + 1).astype(int).tolist()
    pieces = [source[start:stop] for start, stop in pairwise(bounds) if stop > start]
    if not pieces:
        return source.copy()
    with Pool(len(pieces)) as pool:
        return np.concatenate(pool.map(double_piece, pieces))

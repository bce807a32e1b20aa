"""Bài 06 – Nhân đôi một mảng numpy lớn bằng SharedMemory (lời giải tham khảo).

Đề bài: nhân đôi (rồi làm tròn 6 chữ số thập phân) mọi phần tử của một mảng numpy `float64`
một chiều, bằng `workers` tiến trình (process) cùng làm việc trên **một** khối bộ nhớ chia sẻ
(`multiprocessing.shared_memory.SharedMemory`): mỗi tiến trình nhận một lát (slice) của mảng
và sửa tại chỗ, không ai gửi dữ liệu mảng qua pickle (bộ chấm chạy bài dưới spawn và đo số
byte các tiến trình ghi vào ống (pipe): gửi mảng thì thấy ngay).

- Đầu vào: `array`, mảng numpy `float64` một chiều (có thể rỗng); `workers`, số tiến trình.
- Đầu ra: mảng mới, đúng bằng `double_sequential(array)`.
- Ràng buộc: gặp phần tử NaN thì `double_chunk` ném `ValueError`, và lỗi đó phải đến được
  người gọi; dù thành công hay lỗi, khi hàm trả về **không được còn khối bộ nhớ chia sẻ nào**
  (mọi tiến trình `close()`, tiến trình tạo khối nhớ `unlink()` trong `finally`). Bài được chấm
  cả tốc độ: trên máy 2 lõi phải nhanh hơn bản tuần tự ít nhất 1,3 lần.
- Bài giảng: docs/bai06-shared-memory.md («SharedMemory và numpy»).
"""

from itertools import pairwise
from multiprocessing import Pool, shared_memory

import numpy as np


# --8<-- [start:given]
def double_chunk(array: np.ndarray, start: int, stop: int) -> None:
    """Nhân đôi rồi làm tròn 6 chữ số các phần tử array[start:stop], sửa tại chỗ (đã cho sẵn).

    Vòng lặp Python thuần trên từng phần tử: việc nặng CPU, nên chia cho nhiều tiến trình thì
    nhanh hơn thật. Gặp NaN thì ném ValueError.
    """
    values = array[start:stop].tolist()
    for offset, value in enumerate(values):
        if value != value:  # chỉ NaN khác chính nó
            raise ValueError(f"Phần tử thứ {start + offset} không phải là số (NaN).")
        values[offset] = round(2 * value, 6)
    array[start:stop] = values


def double_sequential(array: np.ndarray) -> np.ndarray:
    """Bản tuần tự (đã cho sẵn): một tiến trình làm cả mảng, trên một bản sao."""
    result = np.array(array, dtype=np.float64)
    double_chunk(result, 0, len(result))
    return result
# --8<-- [end:given]


# --8<-- [start:task]
def double_slice(name: str, length: int, start: int, stop: int) -> None:
    """Worker: attach to the shared block by name and double one slice of it in place."""
    block = shared_memory.SharedMemory(name=name)
    view = None
    try:
        view = np.ndarray((length,), dtype=np.float64, buffer=block.buf)
        double_chunk(view, start, stop)
    finally:
        del view  # no numpy view may outlive the mapping it points into
        block.close()


def double_shared(array: np.ndarray, workers: int = 4) -> np.ndarray:
    """Nhân đôi mảng bằng `workers` tiến trình trên một khối SharedMemory; luôn dọn khối nhớ."""
    source = np.asarray(array, dtype=np.float64)
    block = shared_memory.SharedMemory(create=True, size=max(source.nbytes, 1))
    shared = None
    try:
        shared = np.ndarray(source.shape, dtype=np.float64, buffer=block.buf)
        shared[:] = source
        bounds = np.linspace(0, len(source), workers + 1).astype(int).tolist()
        tasks = [(block.name, len(source), start, stop)
                 for start, stop in pairwise(bounds) if stop > start]
        if tasks:
            with Pool(len(tasks)) as pool:
                try:
                    pool.starmap(double_slice, tasks)  # re-raises a worker's ValueError here
                finally:  # finish before `with` calls terminate(): python/cpython#96995
                    pool.close()
                    pool.join()
        return shared.copy()  # a private copy: the shared block is about to disappear
    finally:
        del shared
        block.close()
        block.unlink()  # only the creator unlinks, exactly once, error or not
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    # Điều kiện __main__ là bắt buộc: với spawn/forkserver, mỗi tiến trình con import lại tệp này.
    import time

    data = np.random.default_rng(6).random(3_000_000) * 100
    start = time.perf_counter()
    expected = double_sequential(data)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    doubled = double_shared(data, workers=4)
    parallel = time.perf_counter() - start
    print(f"Đúng kết quả: {np.array_equal(doubled, expected)}")
    print(f"Tuần tự {sequential:.2f} s, song song {parallel:.2f} s, "
          f"tăng tốc {sequential / parallel:.2f}×")
# --8<-- [end:main]

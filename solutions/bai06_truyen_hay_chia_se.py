"""Bài 06 – Gửi bảng lớn theo đối số hay chia sẻ nó? (lời giải tham khảo)

Đề bài: có một bảng số lớn (mảng numpy `float64`, cỡ 16 MB) và nhiều việc lấy mẫu. Mỗi việc
`(start, step, count)` đọc `count` phần tử rải khắp bảng (bắt đầu ở `start`, mỗi lần nhảy
`step` ô, vòng lại đầu bảng) và trả về trung bình của chúng. Bản `means_by_argument` (đã cho
sẵn) gửi bảng theo đối số: mỗi việc, bảng bị pickle, đi qua ống (pipe) sang tiến trình con rồi
được dựng lại. Hãy viết `means_shared`: đặt bảng **một lần** vào bộ nhớ chia sẻ (shared memory)
và chỉ gửi cho mỗi việc *tên* của nó (bộ chấm chạy bài dưới spawn và đo số byte các tiến
trình ghi vào ống (pipe): gửi bảng thì thấy ngay).

- Đầu vào: `table`, mảng numpy `float64` một chiều, không rỗng; `samples`, danh sách các bộ
  `(start, step, count)` (có thể rỗng); `workers`, số tiến trình.
- Đầu ra: danh sách trung bình theo đúng thứ tự `samples`, bằng `means_sequential(...)`.
- Ràng buộc: một việc có `count < 1` làm `sample_mean` ném `ValueError`, và lỗi đó phải đến được
  người gọi; dù thành công hay lỗi, khi hàm trả về **không được còn khối bộ nhớ chia sẻ nào**.
  Bài được chấm tốc độ hai lần: nhanh hơn bản tuần tự (1,3 lần trên 2 lõi) và nhanh hơn
  `means_by_argument` với cùng số tiến trình ít nhất 1,5 lần.
- Bài giảng: docs/bai06-shared-memory.md («Bài tập 2: gửi bảng theo đối số hay chia sẻ nó?»).
"""

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
    values = memoryview(table)  # lấy phần tử của memoryview cho số float của Python, nhanh
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


# --8<-- [start:task]
def sample_shared(name: str, length: int, start: int, step: int, count: int) -> float:
    """Worker: attach to the shared table by name and take one sample of it."""
    block = shared_memory.SharedMemory(name=name)
    table = None
    try:
        table = np.ndarray((length,), dtype=np.float64, buffer=block.buf)
        return sample_mean(table, start, step, count)
    finally:
        del table  # no view may outlive the mapping it points into
        block.close()


def means_shared(table: np.ndarray, samples: list[tuple[int, int, int]],
                 workers: int = 4) -> list[float]:
    """Như `means_by_argument`, nhưng bảng nằm một lần trong bộ nhớ chia sẻ; luôn dọn nó."""
    if not samples:
        return []
    source = np.asarray(table, dtype=np.float64)
    block = shared_memory.SharedMemory(create=True, size=source.nbytes)
    shared = None
    try:
        shared = np.ndarray(source.shape, dtype=np.float64, buffer=block.buf)
        shared[:] = source  # the one and only copy of the table
        tasks = [(block.name, len(source), *sample) for sample in samples]
        with Pool(workers) as pool:
            try:
                return pool.starmap(sample_shared, tasks)  # re-raises a worker's ValueError
            finally:  # finish before `with` calls terminate(): python/cpython#96995
                pool.close()
                pool.join()
    finally:
        del shared
        block.close()
        block.unlink()  # only the creator unlinks, exactly once, error or not
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    # Điều kiện __main__ là bắt buộc: với spawn/forkserver, mỗi tiến trình con import lại tệp này.
    import time

    data = np.random.default_rng(6).random(2_000_000) * 100  # 16 MB
    jobs = [(seed, 7919 + 2 * seed, 300_000) for seed in range(24)]
    timings = {}
    for function in (means_by_argument, means_shared):
        start = time.perf_counter()
        result = function(data, jobs, workers=2)
        timings[function.__name__] = time.perf_counter() - start
    print(f"Đúng kết quả: {result == means_sequential(data, jobs)}")
    for name, seconds in timings.items():
        print(f"{name}: {seconds:.2f} s")
# --8<-- [end:main]

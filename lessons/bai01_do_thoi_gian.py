"""Bài 01 – Đo thời gian, tăng tốc và hiệu suất (bài làm của bạn).

Đề bài: viết bộ đo thời gian mà bạn sẽ dùng lại trong cả khóa học.

- `measure(function, *args, repeat=5)`: gọi `function(*args)` đúng `repeat` lần, đo mỗi lần bằng
  `time.perf_counter()`, trả về thời gian **nhỏ nhất** (giây, kiểu `float`). `repeat < 1` gây
  `ValueError`.
- `speedup(sequential_seconds, parallel_seconds)`: hệ số tăng tốc = tuần tự / song song. Thời gian
  không dương gây `ValueError`.
- `efficiency(speedup_value, workers)`: hiệu suất = tăng tốc / số worker (1,0 là lý tưởng).
  `workers < 1` gây `ValueError`.
- `describe(...)` (đã cho sẵn) ghép hai hàm trên thành một câu như
  «tăng tốc 4.00×, hiệu suất 50%».
- Bài giảng: docs/bai01-vi-sao-song-song.md («Vì sao cần song song»).
"""

import time  # noqa: F401  (bạn sẽ cần time.perf_counter)


# --8<-- [start:task]
def measure(function, *args, repeat: int = 5) -> float:
    """Thời gian nhanh nhất (giây) trong `repeat` lần gọi `function(*args)`."""
    # TODO: kiểm tra repeat; gọi function(*args) đúng repeat lần, đo mỗi lần bằng
    # time.perf_counter() và giữ lại lần nhanh nhất.
    raise NotImplementedError(
        "Chưa làm: hãy viết measure (xem gợi ý: tangtoc hint bai01_do_thoi_gian)."
    )


def speedup(sequential_seconds: float, parallel_seconds: float) -> float:
    """Tăng tốc = thời gian tuần tự / thời gian song song."""
    raise NotImplementedError("Chưa làm: hãy viết speedup.")


def efficiency(speedup_value: float, workers: int) -> float:
    """Hiệu suất = tăng tốc / số worker."""
    raise NotImplementedError("Chưa làm: hãy viết efficiency.")
# --8<-- [end:task]


# --8<-- [start:given]
def describe(sequential_seconds: float, parallel_seconds: float, workers: int) -> str:
    """Một câu báo cáo (đã cho sẵn), ví dụ «tăng tốc 4.00×, hiệu suất 50%»."""
    gain = speedup(sequential_seconds, parallel_seconds)
    return f"tăng tốc {gain:.2f}×, hiệu suất {efficiency(gain, workers):.0%}"
# --8<-- [end:given]


if __name__ == "__main__":
    best = measure(sum, range(1_000_000), repeat=5)
    print(f"sum(range(1_000_000)) mất {best * 1000:.1f} ms (lần nhanh nhất trong 5 lần)")
    print(describe(2.0, 0.5, workers=8))  # tăng tốc 4.00×, hiệu suất 50%

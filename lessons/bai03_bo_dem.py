"""Bài 03 – Sửa bộ đếm dùng chung bằng khóa (bài làm của bạn).

Đề bài: `SharedCounter.increment` đọc giá trị, «làm việc một chút», rồi ghi giá trị mới: một
thao tác đọc-sửa-ghi (read-modify-write). Khi nhiều luồng cùng gọi, hai luồng có thể đọc cùng
một giá trị và một lần tăng bị mất (tranh chấp dữ liệu, race condition). Hàm
`count_concurrently` (đã cho) chạy nhiều luồng cùng tăng một bộ đếm, với khoảng chuyển luồng rất
nhỏ để lỗi lộ ra gần như mỗi lần chạy.

- Việc của bạn: sửa lớp `SharedCounter` bằng `threading.Lock` để không lần tăng nào bị mất.
  Giữ nguyên ba bước đọc, `pause()`, ghi trong `increment` (đó là «công việc» của bộ đếm).
- Đầu ra: `count_concurrently(n_threads, increments)` trả về đúng `n_threads * increments`.
- Bài giảng: docs/bai03-luong.md («Luồng cho I/O»).
"""

import sys
import threading

# --8<-- [start:given]
# Đổi luồng thường nhất có thể, và cho mọi luồng xuất phát cùng một lúc (một Barrier), để chúng
# thật sự chạy cùng lúc, kể cả trên máy đang bận: lần chạy nào cũng thấy tranh chấp dữ liệu.
SWITCH_INTERVAL = 1e-6  # giây


def pause() -> None:
    """A little work between reading and writing: the window in which another thread can run."""
    sum(range(10))


def count_concurrently(n_threads: int, increments: int) -> int:
    """Start n_threads threads, each calling increment() `increments` times on one shared
    counter; return the final value (given)."""
    counter = SharedCounter()
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        start_line = threading.Barrier(n_threads)
        threads = [threading.Thread(target=_add_many, args=(counter, increments, start_line))
                   for _ in range(n_threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    return counter.value


def _add_many(counter, increments: int, start_line: threading.Barrier) -> None:
    start_line.wait()
    for _ in range(increments):
        counter.increment()
# --8<-- [end:given]


# --8<-- [start:task]
class SharedCounter:
    """A counter shared by several threads."""

    def __init__(self):
        self.value = 0
        # TODO: tạo một threading.Lock cho bộ đếm này.

    def increment(self) -> None:
        # TODO: lỗi tranh chấp ở đây: giữ khóa trong suốt ba bước đọc, pause(), ghi.
        current = self.value
        pause()
        self.value = current + 1
# --8<-- [end:task]


if __name__ == "__main__":
    print(f"8 luồng × 20 000 lần tăng = {count_concurrently(8, 20_000)} (cần 160 000)")

"""Bài 08 – Sửa lỗi: quên close() và unlink() khối bộ nhớ chia sẻ (lời giải tham khảo).

Chương trình đặt một triệu số nguyên vào một khối bộ nhớ chia sẻ (`SharedMemory`), cho hai tiến
trình con tính tổng hai nửa, rồi in tổng. Kết quả đúng, nhưng chương trình không bao giờ
`close()` và `unlink()` khối nhớ: trên Linux khối nhớ là một tệp trong /dev/shm, sống tiếp sau
khi chương trình kết thúc (đến khi khởi động lại máy) nếu không ai dọn. Python chỉ dọn giùm
lúc thoát, kèm cảnh báo «leaked shared_memory objects», khi trình theo dõi tài nguyên (resource
tracker) của nó còn sống; chương trình bị kill -9 thì khối nhớ ở lại.

- Việc của bạn: sửa để mọi tiến trình `close()` khối nhớ khi dùng xong (xóa các mảng numpy
  trỏ vào nó trước), và tiến trình chính `unlink()` nó đúng một lần, kể cả khi có lỗi
  (`try`/`finally`). Giữ tên khối nhớ: bộ chấm tìm nó trong /dev/shm theo tên này.
- Cách chấm: bộ chấm chạy cả tệp bằng `python lessons/bai08_shm_ro_ri.py` dưới `spawn`, có
  giới hạn thời gian; chương trình phải in đúng kết quả, không có cảnh báo rò rỉ, và không để
  lại khối nhớ nào trong /dev/shm.
- Bài giảng: docs/bai08-sai-lam.md («Sai lầm thường gặp»).
"""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.shared_memory import SharedMemory

import numpy as np

N = 1_000_000


def partial_sum(name: str, start: int, stop: int) -> int:
    shm = SharedMemory(name=name)
    try:
        numbers = np.ndarray((N,), dtype=np.int64, buffer=shm.buf)
        total = int(numbers[start:stop].sum())
        del numbers  # no view may outlive the mapping
    finally:
        shm.close()  # every process closes its own mapping
    return total


def main() -> None:
    shm = SharedMemory(create=True, size=N * 8, name=f"tangtoc_bai08_{os.getpid()}")
    try:
        numbers = np.ndarray((N,), dtype=np.int64, buffer=shm.buf)
        numbers[:] = np.arange(N) % 1000
        del numbers
        with ProcessPoolExecutor(max_workers=2) as executor:
            halves = executor.map(partial_sum, [shm.name] * 2, [0, N // 2], [N // 2, N])
            total = sum(halves)
    finally:
        shm.close()
        shm.unlink()  # exactly once, by the creator, even after an error
    print(f"Tổng của {N} số trong bộ nhớ chia sẻ: {total}")


if __name__ == "__main__":
    main()

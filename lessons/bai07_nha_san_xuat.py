"""Bài 07 – Nhà sản xuất và người tiêu thụ với Queue (bài làm của bạn).

Đề bài: một tiến trình sản xuất (producer) tạo `n_items` việc bằng `make_item` và đưa vào hàng
đợi `tasks`; `consumers` tiến trình tiêu thụ (consumer) lấy việc ra, xử lý bằng `process_item`
và đưa kết quả vào hàng đợi `results`; tiến trình chính gom đủ kết quả rồi chờ mọi tiến trình
con kết thúc.

- Đầu vào của `run_producer_consumer`: `n_items` (số việc), `seed` (hạt giống dữ liệu),
  `consumers` (số tiến trình tiêu thụ), `maxsize` (sức chứa của hàng đợi `tasks`).
- Đầu ra: `(records, exitcodes)`: `records` là danh sách kết quả của `process_item` (mỗi việc
  đúng một lần, thứ tự tùy ý); `exitcodes` là mã thoát của tiến trình sản xuất rồi đến từng
  tiến trình tiêu thụ, lấy sau khi `join()`.
- Ràng buộc: mỗi việc được xử lý đúng một lần; mỗi tiến trình tiêu thụ dừng khi gặp giá trị
  canh (sentinel) `STOP` (nhà sản xuất gửi đúng một `STOP` cho mỗi tiến trình tiêu thụ); hàng
  đợi `tasks` có giới hạn `maxsize`, nên lúc nào cũng chỉ có vài việc đã tạo mà chưa được xử lý;
  chương trình không được treo (bộ chấm dừng bài sau 20 giây), kể cả với 3 000 việc: đủ nhiều
  kết quả để `join()` trước khi lấy hết chúng ra thì bị treo. Chạy đúng dưới fork, spawn,
  forkserver.
- Bài giảng: docs/bai07-queue-pipe.md («Queue và Pipe»).
"""

import hashlib
import os
import queue  # noqa: F401  (queue.Empty: khi get(timeout=...) hết giờ)
import time
from multiprocessing import Process, Queue  # noqa: F401  (bạn sẽ cần cả hai)

# --8<-- [start:given]
STOP = None  # giá trị canh: mỗi tiến trình tiêu thụ một cái
WORK_ROUNDS = 1000  # khoảng 1–2 ms việc CPU cho mỗi phần tử


def make_item(index: int, seed: int) -> tuple[int, float, bytes]:
    """Tạo việc số `index`: (index, thời điểm tạo, dữ liệu) (đã cho sẵn).

    Thời điểm tạo (`time.perf_counter()`) cho bộ chấm biết việc đã nằm chờ bao lâu."""
    payload = hashlib.sha256(f"{seed}:{index}".encode()).digest()
    return index, time.perf_counter(), payload


def process_item(item: tuple[int, float, bytes]) -> tuple[int, str, int, float, float]:
    """Xử lý một việc, nặng CPU (đã cho sẵn).

    Trả về (index, kết quả, pid của tiến trình xử lý, thời điểm tạo, thời điểm bắt đầu xử lý)."""
    index, created, payload = item
    started = time.perf_counter()
    digest = payload
    for _ in range(WORK_ROUNDS):
        digest = hashlib.sha256(digest).digest()
    return index, digest.hex()[:16], os.getpid(), created, started


def process_sequential(n_items: int, seed: int) -> dict[int, str]:
    """Bản tuần tự (đã cho sẵn): {index: kết quả} của mọi việc."""
    return {index: process_item(make_item(index, seed))[1] for index in range(n_items)}
# --8<-- [end:given]


# --8<-- [start:task]
def producer(tasks: Queue, n_items: int, seed: int, consumers: int) -> None:
    """Đưa lần lượt `make_item(i, seed)` vào `tasks`, rồi một `STOP` cho mỗi consumer."""
    # TODO: tạo từng việc ngay trước khi put() (đừng tạo hết trước), rồi gửi `consumers` lần STOP.
    raise NotImplementedError(
        "Chưa làm: hãy viết producer (xem gợi ý: tangtoc hint bai07_nha_san_xuat)."
    )


def consumer(tasks: Queue, results: Queue) -> None:
    """Lấy việc từ `tasks` cho đến khi gặp `STOP`; kết quả `process_item` đưa vào `results`."""
    # TODO: lặp get(); gặp STOP thì dừng; còn lại thì put(process_item(item)) vào results.
    raise NotImplementedError(
        "Chưa làm: hãy viết consumer (xem gợi ý: tangtoc hint bai07_nha_san_xuat)."
    )


def run_producer_consumer(n_items: int, seed: int, consumers: int = 2,
                          maxsize: int = 8) -> tuple[list, list]:
    """Chạy 1 producer và `consumers` consumer; trả về (các kết quả, các mã thoát)."""
    # TODO: Queue(maxsize=maxsize) cho việc, Queue() cho kết quả; khởi động các Process;
    # lấy đủ n_items kết quả TRƯỚC khi join(); trả về (kết quả, [mã thoát của từng tiến trình]).
    raise NotImplementedError(
        "Chưa làm: hãy viết run_producer_consumer với multiprocessing.Queue và Process "
        "(xem gợi ý: tangtoc hint bai07_nha_san_xuat)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    records, exitcodes = run_producer_consumer(n_items=100, seed=7, consumers=2, maxsize=4)
    print(f"Nhận {len(records)} kết quả từ {len({r[2] for r in records})} tiến trình; "
          f"mã thoát {exitcodes}")
    print("Đúng kết quả:", {r[0]: r[1] for r in records} == process_sequential(100, 7))
# --8<-- [end:main]

"""Bài 08 – Sửa lỗi: join() tiến trình trước khi lấy hết hàng đợi (bài làm của bạn).

Một tiến trình con (process) tạo 200 bản ghi, mỗi bản ghi khoảng 10 KB, rồi đưa vào một
`multiprocessing.Queue`; tiến trình chính nhận chúng và in tổng kiểm (checksum). Chương trình
treo mãi: tiến trình chính `join()` tiến trình con trước khi lấy dữ liệu ra, còn tiến trình con
thì không thoát được khi dữ liệu nó đã đưa vào hàng đợi chưa được đẩy hết qua đường ống (pipe).

- Việc của bạn: sửa để chương trình kết thúc, in đúng kết quả như bây giờ (nếu nó chạy xong),
  dưới mọi phương thức khởi động. Giữ việc tạo bản ghi trong tiến trình con.
- Cách chấm: bộ chấm chạy cả tệp bằng `python lessons/bai08_hang_doi.py` dưới `spawn`, có
  giới hạn thời gian; chương trình phải kết thúc với mã 0 và in đúng kết quả.
- Bài giảng: docs/bai08-sai-lam.md («Sai lầm thường gặp»).
"""

import hashlib
from multiprocessing import Process, Queue

COUNT = 200


def make_record(index: int) -> bytes:
    """A record of about 10 KB whose content depends on its index."""
    return hashlib.sha256(str(index).encode()).hexdigest().encode() * 160


def produce(queue: Queue, count: int) -> None:
    for index in range(count):
        queue.put(make_record(index))


def main() -> None:
    queue = Queue()
    producer = Process(target=produce, args=(queue, COUNT))
    producer.start()
    producer.join()
    records = [queue.get() for _ in range(COUNT)]
    checksum = hashlib.sha256(b"".join(records)).hexdigest()[:16]
    print(f"Đã nhận {len(records)} bản ghi, tổng kiểm {checksum}")


if __name__ == "__main__":
    main()

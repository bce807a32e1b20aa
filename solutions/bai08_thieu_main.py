"""Bài 08 – Sửa lỗi: thiếu «if __name__ == "__main__":» (lời giải tham khảo).

Chương trình dưới đây tính tổng bình phương của các số 0…99 999 bằng một `Pool` hai tiến trình.
Trên Linux với Python ≤ 3.13 (fork) nó có vẻ chạy được, nhưng dưới `spawn` (mặc định của Windows
và macOS) và `forkserver` (mặc định của Linux từ Python 3.14) nó treo và in lỗi «bootstrapping
phase» liên tục.

- Việc của bạn: sửa để chương trình chạy đúng dưới mọi phương thức khởi động (start method),
  in đúng một dòng kết quả như bây giờ, không đổi phép tính.
- Cách chấm: bộ chấm chạy cả tệp bằng `python lessons/bai08_thieu_main.py` dưới `spawn`, có
  giới hạn thời gian; chương trình phải kết thúc với mã 0 và in đúng kết quả.
- Bài giảng: docs/bai08-sai-lam.md («Sai lầm thường gặp»).
"""

from multiprocessing import Pool

N = 100_000


def square(x: int) -> int:
    return x * x


def main() -> None:
    with Pool(processes=2) as pool:
        total = sum(pool.map(square, range(N)))
    print(f"Tổng bình phương của 0…{N - 1}: {total}")


# Spawn/forkserver children re-import this file as __mp_main__: only the parent may run main().
if __name__ == "__main__":
    main()

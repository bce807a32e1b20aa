"""Bài 08 – Sửa lỗi: quá nhiều tiến trình, và luồng BLAS × tiến trình (bài làm của bạn).

Chương trình nhân 48 cặp ma trận numpy trong một `Pool` rồi in tổng các vết (trace). Nó chạy
đúng nhưng lãng phí: `Pool(32)` tạo 32 tiến trình dù máy chỉ có vài lõi (mỗi tiến trình dưới
`spawn` phải khởi động trình thông dịch và import numpy), và mỗi tiến trình lại được thư viện
BLAS của numpy tạo thêm luồng (thread) theo số lõi của máy: số luồng muốn chạy = số tiến trình
× số luồng BLAS, nhiều hơn hẳn số lõi (oversubscription).

- Việc của bạn: (1) đặt số tiến trình bằng số lõi chương trình thật sự được dùng (tính cả CPU
  affinity: `os.sched_getaffinity(0)`, hoặc `os.process_cpu_count()` từ Python 3.13);
  (2) giới hạn BLAS còn một luồng trong mỗi tiến trình bằng biến môi trường
  `OPENBLAS_NUM_THREADS`, `OMP_NUM_THREADS`, `MKL_NUM_THREADS` = "1", đặt **trước** khi
  import numpy. Kết quả in ra phải giữ nguyên.
- Cách chấm: bộ chấm chạy cả tệp bằng `python lessons/bai08_qua_tai.py` dưới `spawn`, có
  giới hạn thời gian, và quan sát các tiến trình nó tạo (qua /proc): chạy với CPU affinity chỉ
  còn một nửa số lõi của máy (như `taskset -c 0` trên máy 2 lõi), số tiến trình con làm việc
  không được vượt số lõi được dùng; chạy trên mọi lõi, mỗi tiến trình con chỉ được có một luồng.
- Bài giảng: docs/bai08-sai-lam.md («Sai lầm thường gặp»).
"""

from multiprocessing import Pool

import numpy as np

TASKS = 48
SIZE = 150


def trace_of_product(seed: int) -> int:
    """Integer-valued matrices: the float64 product is exact, so any BLAS gives the same trace."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 10, (SIZE, SIZE)).astype(np.float64)
    b = rng.integers(0, 10, (SIZE, SIZE)).astype(np.float64)
    return int(np.trace(a @ b))


def main() -> None:
    with Pool(processes=32) as pool:
        traces = pool.map(trace_of_product, range(TASKS))
    print(f"Tổng vết của {TASKS} tích ma trận: {sum(traces)}")


if __name__ == "__main__":
    main()

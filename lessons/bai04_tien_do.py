"""Bài 04 – Báo tiến độ với imap_unordered (bài làm của bạn).

Đề bài: chạy một danh sách việc mô phỏng (mỗi việc dài ngắn khác nhau) trên nhiều tiến trình
(process) bằng `Pool.imap_unordered`, và báo tiến độ ngay khi từng việc xong.

- Đầu vào: `tasks`, danh sách số nguyên khác nhau (mã việc); `workers`, số tiến trình.
- Đầu ra: một cặp `(results, lines)`: `results` là `dict` {mã việc: kết quả của `simulate`}, đủ
  mọi việc, đúng bằng `process_sequential(tasks)`; `lines` là danh sách các dòng tiến độ theo
  thứ tự đã in, dòng thứ k là `progress_line(k, len(tasks))`. In mỗi dòng ra `sys.stderr` ngay
  khi có kết quả (đừng chờ đến cuối): bộ chấm ghi lại lúc từng dòng đến, và các dòng phải đến
  dần trong lúc các việc đang chạy, không dồn cả vào một lúc.
- Ràng buộc: kết quả về theo thứ tự *hoàn thành*, không theo thứ tự đầu vào: đừng dựa vào thứ
  tự. Danh sách rỗng cho `({}, [])`. Số tiến trình có thể lớn hơn số việc.
- Bài giảng: docs/bai04-pool-nang-cao.md («Pool chuyên sâu»).
"""

import sys  # noqa: F401  (bạn sẽ cần sys.stderr)
from multiprocessing import Pool  # noqa: F401  (bạn sẽ cần đến Pool)

# --8<-- [start:given]
BAR_WIDTH = 20


def simulate(task: int) -> tuple[int, int]:
    """Một việc mô phỏng (đã cho sẵn): độ dài thay đổi theo mã việc; trả về (mã việc, kết quả)."""
    value = task
    for _ in range(2_000 * (task % 7 + 1)):
        value = (value * 1_103_515_245 + 12_345) % 2**31
    return task, value


def progress_line(done: int, total: int) -> str:
    """Một dòng tiến độ kiểu «[#####---------------]  5/20 ( 25%)» (đã cho sẵn)."""
    filled = BAR_WIDTH * done // total
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    width = len(str(total))
    return f"[{bar}] {done:>{width}}/{total} ({100 * done // total:>3}%)"


def process_sequential(tasks: list[int]) -> dict[int, int]:
    """Bản tuần tự (đã cho sẵn): chạy lần lượt từng việc."""
    return dict(simulate(task) for task in tasks)
# --8<-- [end:given]


# --8<-- [start:task]
def process_with_progress(tasks: list[int], workers: int = 2) -> tuple[dict[int, int], list[str]]:
    """Chạy mọi việc bằng `workers` tiến trình, in và trả về các dòng tiến độ."""
    # TODO: dùng Pool(workers) và pool.imap_unordered(simulate, tasks, chunksize=...); mỗi khi
    # nhận một kết quả, cất vào dict, tạo dòng progress_line(số việc đã xong, tổng số việc),
    # in ra sys.stderr và thêm vào danh sách.
    raise NotImplementedError(
        "Chưa làm: hãy viết process_with_progress bằng Pool.imap_unordered "
        "(xem gợi ý: tangtoc hint bai04_tien_do)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    jobs = list(range(1, 41))
    found, _ = process_with_progress(jobs, workers=2)
    print(f"Đúng kết quả: {found == process_sequential(jobs)}")
# --8<-- [end:main]

"""Bài 06 – Sửa bộ đếm dùng chung bị tranh chấp (lời giải tham khảo).

Đề bài: `count_together(processes, increments)` cho `processes` tiến trình (process) cùng tăng
một bộ đếm dùng chung `multiprocessing.Value`, mỗi tiến trình `increments` lần. Mã đã cho
**chạy được nhưng sai**: `counter.value += 1` gồm một lần đọc và một lần ghi riêng, nên hai
tiến trình có thể đọc cùng một giá trị và một lần tăng bị mất (tranh chấp dữ liệu, race
condition). Hãy sửa `add_many` để kết quả luôn đúng.

- Đầu vào: `processes`, số tiến trình; `increments`, số lần tăng của mỗi tiến trình.
- Đầu ra: giá trị cuối của bộ đếm, phải bằng đúng `processes * increments`, lần nào cũng vậy.
- Ràng buộc: vẫn dùng chung một `Value` giữa các tiến trình (không tính ra kết quả bằng phép
  nhân); giữ `count_together` như đã cho, chỉ sửa `add_many`. Mọi lần ghi vào `counter.value`
  phải nằm trong khóa của chính Value (`with counter.get_lock():`); bộ chấm đọc mã để kiểm
  tra, vì một lần ghi không khóa hiếm khi làm mất lần tăng nên chạy thử không thấy. Khóa mỗi
  lần tăng là đúng; cộng vào biến cục bộ rồi chỉ khóa một lần ở cuối để cộng tổng cũng đúng,
  và nhanh hơn (bài giảng có số đo).
- Bài giảng: docs/bai06-trang-thai-chia-se.md («Trạng thái dùng chung giữa các tiến trình»).
"""

from multiprocessing import Barrier, Process, Value


# --8<-- [start:task]
def add_many(counter, start_line, increments: int) -> None:
    """Tăng bộ đếm dùng chung `counter` (một `Value("i")`) `increments` lần, sau khi mọi tiến
    trình cùng qua vạch xuất phát `start_line` (một `Barrier`)."""
    start_line.wait()  # mọi tiến trình xuất phát cùng lúc: lần nào cũng thấy tranh chấp dữ liệu
    for _ in range(increments):
        with counter.get_lock():  # read and write under the Value's own lock: one step
            counter.value += 1
# --8<-- [end:task]


# --8<-- [start:given]
def count_together(processes: int = 4, increments: int = 20_000) -> int:
    """Cho `processes` tiến trình cùng tăng một Value (đã cho sẵn, đừng sửa)."""
    counter = Value("i", 0)  # mặc định lock=True: một lớp bọc có khóa, lấy bằng get_lock()
    start_line = Barrier(processes)
    workers = [Process(target=add_many, args=(counter, start_line, increments))
               for _ in range(processes)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return counter.value
# --8<-- [end:given]


# --8<-- [start:main]
if __name__ == "__main__":
    # Chạy vài lần: bản sai cho mỗi lần một số khác, bản đúng luôn cho 80000.
    for attempt in range(3):
        print(f"Lần {attempt + 1}: {count_together(4, 20_000)} (mong đợi 80000)")
# --8<-- [end:main]

"""Bài 10 – Tùy chọn, Python 3.14: việc nặng CPU với InterpreterPoolExecutor (bài làm của bạn).

Đề bài: tính tổng số bước Collatz của các số `start … start + count − 1` (Python thuần, nặng
CPU) bằng `concurrent.futures.InterpreterPoolExecutor` (có từ Python 3.14): mỗi luồng làm việc
của nó chạy một trình thông dịch con (subinterpreter) với GIL riêng, nên các luồng chạy song song
thật mà vẫn ở trong cùng một tiến trình.

- Đầu vào: `start`, `count` (số nguyên, `count` có thể bằng 0); `workers`, số trình thông dịch.
- Đầu ra: đúng bằng `total_collatz_steps_sequential(start, count)`.
- Ràng buộc: hàm và đối số gửi sang trình thông dịch con được pickle như với tiến trình, nên hàm
  làm việc phải ở cấp cao nhất của tệp này, và tệp không được import thư viện chưa hỗ trợ trình
  thông dịch con (numpy chẳng hạn). Trên Python cũ hơn 3.14, bài kiểm tra được bỏ qua kèm lý do.
- Bài giảng: docs/bai10-chon-cong-cu.md («Chọn công cụ»).
"""

# --8<-- [start:given]
def collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def total_collatz_steps_sequential(start: int, count: int) -> int:
    return sum(collatz_steps(n) for n in range(start, start + count))
# --8<-- [end:given]


# --8<-- [start:task]
def total_collatz_steps_interpreters(start: int, count: int, workers: int = 2) -> int:
    """Như total_collatz_steps_sequential, nhưng chia việc cho `workers` trình thông dịch con."""
    # TODO: from concurrent.futures import InterpreterPoolExecutor (chỉ có từ Python 3.14),
    # chia [start, start + count) thành vài khoảng, tính mỗi khoảng trong một trình thông dịch.
    raise NotImplementedError(
        "Chưa làm: hãy viết total_collatz_steps_interpreters bằng InterpreterPoolExecutor "
        "(xem gợi ý: tangtoc hint bai10_thong_dich_con)."
    )
# --8<-- [end:task]

"""Bài 02 – Luồng chạy song song thật trên Python không GIL (bài làm của bạn; tùy chọn).

Đề bài: tìm mọi số nguyên tố nhỏ hơn `limit` bằng `workers` luồng (thread), với hàm Python
thuần `primes_in` đã cho. Trên bản CPython thường, GIL khiến luồng không nhanh hơn; trên bản
không GIL (free-threaded: `python3.14t`, hay `python3.13t`) các luồng chạy trên nhiều lõi cùng
lúc, không phải pickle dữ liệu như tiến trình.

- Đầu vào: `limit` (số nguyên ≥ 0), `workers` (số luồng ≥ 1).
- Đầu ra: `list` các số nguyên tố tăng dần, bằng đúng `primes_below_sequential(limit)`.
- Ràng buộc: dùng `concurrent.futures.ThreadPoolExecutor`; chia [0, limit) thành các đoạn liền
  nhau, mỗi việc (task) trả về danh sách của đoạn mình, rồi nối các kết quả theo thứ tự đoạn.
  Đừng để nhiều luồng cùng sửa một biến đếm hay cùng đọc một iterator dùng chung: trên bản không
  GIL, từng thao tác của list/dict là an toàn nhưng thao tác ghép (`x += 1`, «kiểm tra rồi
  làm») thì không. Bài chỉ được chấm trên Python không GIL (GIL đang tắt): ở đó phải nhanh hơn
  bản tuần tự ít nhất 1,3 lần trên 2 lõi; trên bản thường, bài được bỏ qua, không tính là đạt.
- Bài giảng: docs/bai02-gil.md («Python không có GIL: thử thật, đo A/B»).
"""

from concurrent.futures import ThreadPoolExecutor  # noqa: F401


# --8<-- [start:given]
def is_prime(n: int) -> bool:
    """Kiểm tra bằng phép chia thử (Python thuần, nặng CPU, giữ GIL trên bản thường)."""
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    divisor = 3
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 2
    return True


def primes_in(start: int, stop: int) -> list[int]:
    """Các số nguyên tố n với start ≤ n < stop, tăng dần."""
    return [n for n in range(start, stop) if is_prime(n)]


def primes_below_sequential(limit: int) -> list[int]:
    """Bản tuần tự (đã cho sẵn): mọi số nguyên tố nhỏ hơn limit, tăng dần."""
    return primes_in(0, limit)
# --8<-- [end:given]


# --8<-- [start:task]
def primes_below_threads(limit: int, workers: int = 2) -> list[int]:
    """Như primes_below_sequential, nhưng chia [0, limit) cho `workers` luồng."""
    # TODO: chia [0, limit) thành khoảng 4·workers đoạn liền nhau (start, stop); dùng
    # ThreadPoolExecutor(max_workers=workers) và pool.map(primes_in, starts, stops); nối các
    # danh sách nhận về theo đúng thứ tự đoạn.
    raise NotImplementedError(
        "Chưa làm: hãy viết primes_below_threads bằng ThreadPoolExecutor "
        "(xem gợi ý: tangtoc hint bai02_khong_gil)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    # Đo A/B trên cùng một trình thông dịch không GIL:
    #   python3.14t -X gil=1 lessons/bai02_khong_gil.py   (ép bật GIL)
    #   python3.14t -X gil=0 lessons/bai02_khong_gil.py   (GIL tắt)
    import sys
    import time

    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    start = time.perf_counter()
    expected = primes_below_sequential(300_000)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    found = primes_below_threads(300_000, workers=2)
    threads = time.perf_counter() - start
    print(f"GIL đang bật: {gil}; đúng kết quả: {found == expected} ({len(found)} số nguyên tố)")
    print(f"Tuần tự {sequential:.2f} s, 2 luồng {threads:.2f} s, "
          f"tăng tốc {sequential / threads:.2f}×")
# --8<-- [end:main]

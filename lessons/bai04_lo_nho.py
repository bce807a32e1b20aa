"""Bài 04 – Nhiều việc nhỏ: chọn chunksize hợp lý (bài làm của bạn).

Đề bài: tính mã kiểm tra (check code) cho rất nhiều số, mỗi số chỉ mất khoảng 20 micro giây.
Bản `check_codes_one_by_one` (đã cho sẵn) dùng Pool nhưng gửi từng số một (`chunksize=1`), nên
còn chậm hơn cả bản tuần tự. Hãy viết `check_codes_parallel` chia việc theo lô hợp lý.

- Đầu vào: `numbers`, danh sách số nguyên không âm; `workers`, số tiến trình (process).
- Đầu ra: `list` mã kiểm tra, **theo đúng thứ tự** của `numbers`, bằng `check_codes_sequential`.
- Ràng buộc: danh sách rỗng cho `[]`. Bài được chấm cả tốc độ: trên máy 2 lõi phải nhanh hơn bản
  tuần tự ít nhất 1,3 lần; gửi từng số một (`chunksize=1`) sẽ không đạt.
- Bài giảng: docs/bai04-pool-nang-cao.md («Pool chuyên sâu», phần chunksize).
"""

from multiprocessing import Pool

# --8<-- [start:given]
MULTIPLIER = 6_364_136_223_846_793_005
INCREMENT = 1_442_695_040_888_963_407
MASK = 2**64 - 1
ROUNDS = 200


def check_code(number: int) -> int:
    """Mã kiểm tra 0..96 của một số (đã cho sẵn): rất nhỏ, khoảng 20 micro giây."""
    for _ in range(ROUNDS):
        number = (number * MULTIPLIER + INCREMENT) & MASK
    return number % 97


def check_codes_sequential(numbers: list[int]) -> list[int]:
    """Bản tuần tự (đã cho sẵn)."""
    return [check_code(number) for number in numbers]


def check_codes_one_by_one(numbers: list[int], workers: int = 2) -> list[int]:
    """Bản song song chậm (đã cho sẵn): imap gửi từng số một (chunksize mặc định là 1)."""
    with Pool(processes=workers) as pool:
        return list(pool.imap(check_code, numbers))
# --8<-- [end:given]


# --8<-- [start:task]
def check_codes_parallel(numbers: list[int], workers: int = 2) -> list[int]:
    """Như check_codes_one_by_one nhưng gửi việc theo lô đủ lớn; giữ đúng thứ tự kết quả."""
    # TODO: dùng Pool(workers) và gửi các số theo lô (chunksize) đủ lớn, để mỗi lần gửi
    # chứa nhiều mili giây công việc; kết quả phải giữ thứ tự của numbers.
    raise NotImplementedError(
        "Chưa làm: hãy viết check_codes_parallel với chunksize hợp lý "
        "(xem gợi ý: tangtoc hint bai04_lo_nho)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    import random
    import time

    data = [random.getrandbits(40) for _ in range(50_000)]
    start = time.perf_counter()
    expected = check_codes_sequential(data)
    print(f"Tuần tự: {time.perf_counter() - start:.2f} s")
    for function in (check_codes_one_by_one, check_codes_parallel):
        start = time.perf_counter()
        codes = function(data, workers=2)
        print(f"{function.__name__}: {time.perf_counter() - start:.2f} s, "
              f"đúng: {codes == expected}")
# --8<-- [end:main]

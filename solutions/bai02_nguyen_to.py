"""Bài 02 – Đếm số nguyên tố: luồng hay tiến trình? (lời giải tham khảo)

Đề bài: cho một danh sách các khoảng `[(start, stop), ...]`, đếm số nguyên tố trong từng khoảng
(start ≤ n < stop) bằng hàm Python thuần `count_primes_in_range` đã cho. Viết hai bản song song:

- `count_primes_threads(ranges, workers)`: dùng `concurrent.futures.ThreadPoolExecutor`;
- `count_primes_processes(ranges, workers)`: dùng `concurrent.futures.ProcessPoolExecutor`.

- Đầu ra: danh sách số đếm **theo đúng thứ tự các khoảng**, bằng `count_primes_sequential`.
- Ràng buộc: danh sách rỗng cho `[]`. Bản tiến trình được chấm cả tốc độ (trên 2 lõi phải nhanh
  hơn bản tuần tự ít nhất 1,3 lần); bản luồng chỉ chấm đúng kết quả, và bài giảng cho thấy vì sao
  nó không nhanh hơn (GIL).
- Bài giảng: docs/bai02-gil.md («GIL: khóa toàn cục của trình thông dịch»).
"""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


# --8<-- [start:given]
def count_primes_in_range(start: int, stop: int) -> int:
    """Số số nguyên tố n với start ≤ n < stop, bằng phép chia thử (Python thuần, nặng CPU)."""
    count = 0
    for n in range(max(start, 2), stop):
        if n % 2 == 0:
            count += n == 2
            continue
        divisor = 3
        while divisor * divisor <= n and n % divisor:
            divisor += 2
        count += divisor * divisor > n
    return count


def count_primes_sequential(ranges: list[tuple[int, int]]) -> list[int]:
    """Bản tuần tự (đã cho sẵn)."""
    return [count_primes_in_range(start, stop) for start, stop in ranges]
# --8<-- [end:given]


# --8<-- [start:task]
def count_primes_threads(ranges: list[tuple[int, int]], workers: int = 2) -> list[int]:
    """Đếm bằng `workers` luồng (đúng kết quả, nhưng GIL khiến nó không nhanh hơn)."""
    starts, stops = [start for start, _ in ranges], [stop for _, stop in ranges]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(count_primes_in_range, starts, stops))


def count_primes_processes(ranges: list[tuple[int, int]], workers: int = 2) -> list[int]:
    """Đếm bằng `workers` tiến trình: mỗi tiến trình có GIL riêng, nên chạy song song thật."""
    if not ranges:
        return []
    starts, stops = [start for start, _ in ranges], [stop for _, stop in ranges]
    # A few ranges per message: less pickling, still enough pieces to balance the workers.
    chunksize = max(1, len(ranges) // (4 * workers))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(count_primes_in_range, starts, stops, chunksize=chunksize))
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    # Điều kiện __main__ là bắt buộc: với spawn/forkserver, tiến trình con import lại tệp này.
    import time

    work = [(n, n + 20_000) for n in range(1_000_000, 1_400_000, 20_000)]
    for function in (count_primes_sequential, count_primes_threads, count_primes_processes):
        start = time.perf_counter()
        result = function(work) if function is count_primes_sequential else function(work, 2)
        print(f"{function.__name__}: {sum(result)} số nguyên tố, "
              f"{time.perf_counter() - start:.2f} s")
# --8<-- [end:main]

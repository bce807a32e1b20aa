"""Bài 05 – Sửa mã chỉ chạy được với fork (lời giải tham khảo).

Đề bài: hai hàm dưới đây chạy đúng với phương thức khởi động (start method) `fork`, nhưng hỏng
với `spawn` (mặc định trên Windows và macOS) và `forkserver` (mặc định trên Linux từ Python
3.14). Hãy sửa để chúng chạy đúng dưới **cả ba** phương thức.

- `rescale_all(values, scale, offset, workers)`: trả về `[round(v * scale + offset, 6) ...]`
  theo thứ tự, tính bằng Pool và hàm `rescale` có sẵn (đọc cấu hình trong `SETTINGS`).
- `block_sums(blocks)`: mỗi khối (danh sách số nguyên) do một `Process` riêng tính tổng bình
  phương (`square_sum`), gửi về qua `Queue`; trả về các tổng theo thứ tự khối.
- Ràng buộc: không được ép dùng `fork` (bộ chấm chạy bài dưới `spawn` và `forkserver`); giữ
  `SETTINGS`, `configure`, `rescale`, `square_sum`, `send_square_sum` như đã cho.
- Bài giảng: docs/bai05-phuong-thuc-khoi-dong.md («Ba phương thức khởi động»).
"""

from multiprocessing import Pool, Process, Queue

# --8<-- [start:given]
SETTINGS: dict[str, float] = {}  # do configure() gán: trong tiến trình nào?


def configure(scale: float, offset: float) -> None:
    """Ghi cấu hình vào biến toàn cục SETTINGS của tiến trình đang chạy (đã cho sẵn)."""
    SETTINGS["scale"] = scale
    SETTINGS["offset"] = offset


def rescale(value: float) -> float:
    """Đổi thang đo một giá trị theo SETTINGS (đã cho sẵn)."""
    return round(value * SETTINGS["scale"] + SETTINGS["offset"], 6)


def square_sum(block: list[int]) -> int:
    """Tổng bình phương của một khối (đã cho sẵn)."""
    return sum(x * x for x in block)


def send_square_sum(results, index: int, block: list[int]) -> None:
    """Tính square_sum(block) rồi gửi (index, tổng) vào hàng đợi results (đã cho sẵn)."""
    results.put((index, square_sum(block)))
# --8<-- [end:given]


# --8<-- [start:task]
def rescale_all(values: list[float], scale: float, offset: float,
                workers: int = 2) -> list[float]:
    """Đổi thang đo mọi giá trị bằng Pool, đúng dưới mọi phương thức khởi động."""
    # Each worker configures itself when it starts, whatever the start method.
    with Pool(processes=workers, initializer=configure, initargs=(scale, offset)) as pool:
        return pool.map(rescale, values)


def block_sums(blocks: list[list[int]]) -> list[int]:
    """Tổng bình phương của từng khối, mỗi khối một Process, đúng dưới mọi phương thức."""
    results = Queue()
    # A top-level target with its arguments pickles under spawn and forkserver; a lambda does not.
    processes = [Process(target=send_square_sum, args=(results, index, block))
                 for index, block in enumerate(blocks)]
    for process in processes:
        process.start()
    pairs = [results.get() for _ in processes]  # get trước rồi mới join: xem quy tắc của Queue
    for process in processes:
        process.join()
    return [total for _, total in sorted(pairs)]
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    import multiprocessing

    for method in multiprocessing.get_all_start_methods():
        multiprocessing.set_start_method(method, force=True)
        try:
            print(method, rescale_all([1.0, 2.5], 2.0, 0.5), block_sums([[1, 2], [3]]))
        except Exception as error:
            print(method, "LỖI:", type(error).__name__, error)
# --8<-- [end:main]

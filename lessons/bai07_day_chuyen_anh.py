"""Bài 07 – Tiền xử lý ảnh theo lô qua hàng đợi (bài làm của bạn).

Đề bài: tiền xử lý `n_images` ảnh tổng hợp (tạo từ `seed`) bằng nhiều tiến trình con giống
nhau cùng lấy việc từ một hàng đợi (mô hình chia việc, task farm): tiến trình chính chia ảnh
thành các lô (batch) `(start, stop)` và đưa vào hàng đợi việc có giới hạn; `workers` tiến
trình con (`worker`) lấy từng lô, gọi `process_range` (đọc ảnh của lô rồi tiền xử lý từng
ảnh) và đưa kết quả vào hàng đợi kết quả; tiến trình chính gom kết quả và sắp theo số thứ tự
ảnh.

- Đầu vào của `preprocess_parallel`: `n_images`, `seed`, `workers` (số tiến trình con),
  `batch_size` (số ảnh mỗi lô).
- Đầu ra: danh sách kết quả của `preprocess`, theo thứ tự ảnh 0, 1, 2, …: đúng bằng
  `preprocess_sequential(n_images, seed)`.
- Ràng buộc: chỉ gửi mô tả lô (hai số nguyên), không gửi điểm ảnh qua hàng đợi (bộ chấm đo số
  byte các tiến trình ghi vào hàng đợi); mỗi tiến trình con dừng khi gặp `STOP` (một cho mỗi
  tiến trình); lấy hết kết quả rồi mới `join()`; chạy đúng dưới fork, spawn, forkserver. Bài
  được chấm cả tốc độ: trên máy 2 lõi phải nhanh hơn bản tuần tự ít nhất 1,3 lần.
- Bài giảng: docs/bai07-pipeline.md («Xử lý ảnh theo lô: nhiều tiến trình chung một hàng đợi»).
"""

import queue  # noqa: F401  (queue.Empty: khi get(timeout=...) hết giờ)
from multiprocessing import Process, Queue  # noqa: F401  (bạn sẽ cần cả hai)

import numpy as np

# --8<-- [start:given]
STOP = None  # mỗi tiến trình con một cái
SIDE = 128  # ảnh SIDE × SIDE điểm, RGB
GRAY_WEIGHTS = np.array([0.299, 0.587, 0.114])  # độ sáng theo chuẩn ITU-R BT.601


def make_image(index: int, seed: int) -> np.ndarray:
    """Ảnh tổng hợp số `index` (uint8, SIDE×SIDE×3): nền nhiễu tối và vài đốm sáng tròn
    (đã cho sẵn). Cùng `seed` và `index` thì cùng ảnh, ở mọi tiến trình."""
    rng = np.random.default_rng([seed, index])
    image = rng.integers(0, 70, size=(SIDE, SIDE, 3), dtype=np.uint8)
    for _ in range(int(rng.integers(4, 12))):
        row, col, radius = (int(v) for v in rng.integers((0, 0, 3), (SIDE, SIDE, 12)))
        box = (slice(max(row - radius, 0), min(row + radius + 1, SIDE)),
               slice(max(col - radius, 0), min(col + radius + 1, SIDE)))
        rows, cols = np.ogrid[box]
        disc = (rows - row) ** 2 + (cols - col) ** 2 <= radius * radius
        image[box][disc] = rng.integers(140, 256, size=3)
    return image


def count_blobs(mask: list[list[bool]]) -> tuple[int, int]:
    """Số vùng sáng liên thông (4 hướng) và diện tích vùng lớn nhất, bằng loang (flood fill)
    viết bằng Python thuần: phần nặng CPU của bài (đã cho sẵn)."""
    height, width = len(mask), len(mask[0])
    seen = [[False] * width for _ in range(height)]
    blobs = largest = 0
    for row in range(height):
        for col in range(width):
            if not mask[row][col] or seen[row][col]:
                continue
            blobs += 1
            size, stack = 0, [(row, col)]
            seen[row][col] = True
            while stack:
                y, x = stack.pop()
                size += 1
                for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                    if 0 <= ny < height and 0 <= nx < width and mask[ny][nx] and not seen[ny][nx]:
                        seen[ny][nx] = True
                        stack.append((ny, nx))
            largest = max(largest, size)
    return blobs, largest


def preprocess(index: int, image: np.ndarray) -> tuple[int, int, int, float]:
    """Tiền xử lý một ảnh: xám hóa, thu nhỏ 2 lần, chuẩn hóa, đếm vùng sáng (đã cho sẵn).

    Trả về (index, số vùng sáng, diện tích vùng lớn nhất, độ sáng trung bình của ảnh nhỏ)."""
    gray = image @ GRAY_WEIGHTS
    small = gray.reshape(SIDE // 2, 2, SIDE // 2, 2).mean(axis=(1, 3))
    normalized = (gray - gray.mean()) / (gray.std() + 1e-9)
    blobs, largest = count_blobs((normalized > 1.0).tolist())
    return index, blobs, largest, round(float(small.mean()), 4)


def read_batch(start: int, stop: int, seed: int) -> list[tuple[int, np.ndarray]]:
    """Công đoạn đọc: các cặp (index, ảnh) của ảnh start … stop − 1 (đã cho sẵn)."""
    return [(index, make_image(index, seed)) for index in range(start, stop)]


def process_range(start: int, stop: int, seed: int) -> list[tuple[int, int, int, float]]:
    """Đọc rồi tiền xử lý các ảnh start … stop − 1 (đã cho sẵn): việc của một lô."""
    return [preprocess(index, image) for index, image in read_batch(start, stop, seed)]


def batches(n_images: int, batch_size: int) -> list[tuple[int, int]]:
    """Chia ảnh 0 … n_images − 1 thành các lô (start, stop) (đã cho sẵn)."""
    return [(start, min(start + batch_size, n_images))
            for start in range(0, n_images, batch_size)]


def preprocess_sequential(n_images: int, seed: int) -> list[tuple[int, int, int, float]]:
    """Bản tuần tự (đã cho sẵn): đọc và xử lý từng ảnh một, theo thứ tự."""
    return process_range(0, n_images, seed)
# --8<-- [end:given]


# --8<-- [start:task]
def worker(tasks: Queue, results: Queue, seed: int) -> None:
    """Lấy từng lô (start, stop) từ `tasks` cho đến khi gặp `STOP`; đưa
    `process_range(start, stop, seed)` vào `results`."""
    # TODO: lặp get(); gặp STOP thì dừng; còn lại put(process_range(start, stop, seed)).
    raise NotImplementedError(
        "Chưa làm: hãy viết worker (xem gợi ý: tangtoc hint bai07_day_chuyen_anh)."
    )


def preprocess_parallel(n_images: int, seed: int, workers: int = 2,
                        batch_size: int = 16) -> list[tuple[int, int, int, float]]:
    """Chia việc: lô → hàng đợi → `workers` tiến trình con → hàng đợi → kết quả theo thứ tự."""
    # TODO: Queue(maxsize=...) cho các lô batches(n_images, batch_size), Queue() cho kết quả;
    # khởi động `workers` Process chạy worker; put() mọi lô rồi một STOP cho mỗi tiến trình;
    # lấy đủ kết quả (mỗi lô một danh sách) TRƯỚC khi join(); trả về kết quả sắp theo index.
    raise NotImplementedError(
        "Chưa làm: hãy viết preprocess_parallel với multiprocessing.Queue và Process "
        "(xem gợi ý: tangtoc hint bai07_day_chuyen_anh)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    import time

    start = time.perf_counter()
    expected = preprocess_sequential(300, seed=1)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    got = preprocess_parallel(300, seed=1, workers=2, batch_size=16)
    parallel = time.perf_counter() - start
    print(f"Đúng kết quả: {got == expected}; ảnh 0: {got[0]}")
    print(f"Tuần tự {sequential:.2f} s ({300 / sequential:.0f} ảnh/s), song song "
          f"{parallel:.2f} s ({300 / parallel:.0f} ảnh/s), tăng tốc {sequential / parallel:.2f}×")
# --8<-- [end:main]

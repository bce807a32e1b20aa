"""Correct alternative for the tests of the tests, written apart from the reference: a
feeder process fills the bounded task queue, workers loop with iter(get, STOP) and tag
each result with its batch start; the main process reorders by batch. Must pass."""

from multiprocessing import Process, Queue

import numpy as np

# --8<-- [start:given]
STOP = None  # one per worker
SIDE = 128  # images are SIDE × SIDE pixels, RGB
GRAY_WEIGHTS = np.array([0.299, 0.587, 0.114])  # ITU-R BT.601 luma


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


def feed(tasks, jobs, workers):
    for job in jobs:
        tasks.put(job)
    for _ in range(workers):
        tasks.put(STOP)


def worker(tasks, results, seed):
    for start, stop in iter(tasks.get, STOP):
        results.put((start, process_range(start, stop, seed)))


def preprocess_parallel(n_images, seed, workers=2, batch_size=16):
    jobs = batches(n_images, batch_size)
    tasks, results = Queue(maxsize=workers), Queue()
    feeder = Process(target=feed, args=(tasks, jobs, workers))
    crew = [Process(target=worker, args=(tasks, results, seed)) for _ in range(workers)]
    for process in [feeder, *crew]:
        process.start()
    by_start = dict(results.get() for _ in jobs)
    for process in [feeder, *crew]:
        process.join()
    return [row for start in sorted(by_start) for row in by_start[start]]

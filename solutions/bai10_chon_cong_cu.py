"""Bài 10 – Chọn đúng công cụ cho ba loại việc (lời giải tham khảo).

Ba việc, mỗi việc có sẵn một bản tuần tự; với mỗi việc, bạn chọn cách nhanh nhất (luồng, asyncio,
tiến trình, hay vector hóa bằng numpy) và viết nó:

1. `fetch_all(urls, workers)`: tải nhiều địa chỉ; mỗi lần tải (`fetch` hoặc `fetch_async`)
   chủ yếu là **chờ** mạng (bộ kiểm thử chạy một máy chủ web nhỏ trên chính máy bạn, 127.0.0.1,
   mỗi yêu cầu chậm 20 ms, không dùng Internet). Kết quả: `dict` {url: mã băm của trang}.
2. `total_collatz_steps(start, count, workers)`: tổng số bước Collatz của các số
   `start … start + count − 1`, tính bằng Python thuần, **nặng CPU**.
3. `customers_in_range(n, seed, workers)`: trong `n` khách hàng (tọa độ nguyên do
   `make_customers` sinh ra), đếm số khách nằm trong bán kính giao hàng của ít nhất một cửa hàng
   trong `STORES`: việc trên **mảng số**, viết được bằng các phép toán numpy trên cả mảng.

- Đầu ra của mỗi hàm phải bằng đúng bản tuần tự tương ứng (`fetch_all_sequential`,
  `total_collatz_steps_sequential`, `customers_in_range_sequential`).
- `workers`: với việc 1 là số yêu cầu được chờ cùng lúc (bộ chấm cho 16); với việc 2 là số tiến
  trình nên dùng (bằng số lõi dùng được); việc 3 không cần đến nó.
- Bài được chấm bằng tốc độ đo thật của từng việc so với bản tuần tự: việc 1 cần ≥ 4× (không phụ
  thuộc số lõi), việc 2 cần ≥ 1,3× trên 2 lõi (1 + 0,3·(p − 1)), việc 3 cần ≥ 3× (không phụ
  thuộc số lõi). Chọn sai công cụ thì không đạt, dù kết quả đúng.
- numpy được import bên trong hàm, không ở đầu tệp: dưới `spawn`, mỗi tiến trình con của việc 2
  import lại tệp này, và import numpy tốn thêm cỡ 0,1 s mỗi lần. Hãy làm như vậy trong hàm của bạn.
- Bài giảng: docs/bai10-chon-cong-cu.md («Chọn công cụ»).
"""

import asyncio
import hashlib
import urllib.parse
import urllib.request
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

# --8<-- [start:given]
# Không dùng proxy: máy chủ thử của khóa học chạy trên chính máy này, HTTP(S)_PROXY không áp dụng.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
STORES = ((12_000, 40_000, 9_000), (52_000, 8_000, 12_000), (30_000, 30_000, 6_000),
          (61_000, 55_000, 10_000), (5_000, 60_000, 7_500), (45_000, 45_000, 4_000),
          (20_000, 15_000, 8_000), (58_000, 25_000, 5_000))  # (x, y, bán kính) của cửa hàng
AREA = 65_536  # khách hàng có tọa độ nguyên trong [0, AREA)


def digest(page: bytes) -> str:
    """Mã băm (16 ký tự) của nội dung một trang."""
    return hashlib.sha256(page).hexdigest()[:16]


def fetch(url: str) -> str:
    """Tải một địa chỉ: chờ máy chủ trả lời, rồi trả về mã băm của trang; lỗi HTTP gây
    urllib.error.HTTPError."""
    with OPENER.open(url, timeout=10.0) as response:
        return digest(response.read())


async def fetch_async(url: str) -> str:
    """Như fetch, nhưng là coroutine cho asyncio: chờ máy chủ bằng asyncio.open_connection
    (một yêu cầu HTTP/1.0 tối giản), không chặn vòng lặp sự kiện."""
    parts = urllib.parse.urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
    try:
        writer.write(f"GET {parts.path or '/'} HTTP/1.0\r\nHost: {parts.netloc}\r\n\r\n".encode())
        status = (await reader.readline()).decode("latin-1").strip()
        if status.split()[1:2] != ["200"]:
            raise OSError(f"{url}: {status}")
        # phần đầu (header), một dòng trống, rồi nội dung trang; máy chủ đóng kết nối sau đó
        rest = await reader.read()
    finally:
        writer.close()
        await writer.wait_closed()
    return digest(rest.partition(b"\r\n\r\n")[2])


def fetch_all_sequential(urls: list[str]) -> dict[str, str]:
    return {url: fetch(url) for url in urls}


def collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def total_collatz_steps_sequential(start: int, count: int) -> int:
    return sum(collatz_steps(n) for n in range(start, start + count))


def make_customers(n: int, seed: int) -> tuple:
    """Tọa độ (x, y) nguyên của n khách hàng (hai mảng numpy); cùng seed, cùng khách hàng."""
    import numpy as np  # ở đây, không ở đầu tệp: xem docstring của module

    rng = np.random.default_rng(seed)
    return rng.integers(0, AREA, n), rng.integers(0, AREA, n)


def customers_in_range_sequential(n: int, seed: int) -> int:
    xs, ys = make_customers(n, seed)
    inside = 0
    for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
        if any((x - sx) ** 2 + (y - sy) ** 2 <= r * r for sx, sy, r in STORES):
            inside += 1
    return inside
# --8<-- [end:given]


# --8<-- [start:task]
def fetch_all(urls: list[str], workers: int = 16) -> dict[str, str]:
    """Việc 1 (chờ I/O): như fetch_all_sequential, nhưng chờ nhiều yêu cầu cùng lúc."""
    # Waiting releases the GIL: threads overlap the waits, even on one core.
    with ThreadPoolExecutor(max_workers=workers) as executor:
        return dict(zip(urls, executor.map(fetch, urls), strict=True))


def total_collatz_steps(start: int, count: int, workers: int = 2) -> int:
    """Việc 2 (nặng CPU, Python thuần): như total_collatz_steps_sequential, nhưng nhanh hơn."""
    # Pure Python holds the GIL: only processes use several cores. A few ranges per worker.
    pieces = 4 * workers
    edges = [start + count * i // pieces for i in range(pieces + 1)]
    with ProcessPoolExecutor(max_workers=workers) as executor:
        counts = [edges[i + 1] - edges[i] for i in range(pieces)]
        return sum(executor.map(total_collatz_steps_sequential, edges[:-1], counts))


def customers_in_range(n: int, seed: int, workers: int = 2) -> int:
    """Việc 3 (mảng số): như customers_in_range_sequential, nhưng nhanh hơn."""
    import numpy as np

    # Vectorise first: one numpy pass per store over the whole array beats any pool of loops.
    xs, ys = make_customers(n, seed)
    inside = np.zeros(n, dtype=bool)
    for sx, sy, r in STORES:
        inside |= (xs - sx) ** 2 + (ys - sy) ** 2 <= r * r
    return int(np.count_nonzero(inside))
# --8<-- [end:task]

"""Bài 03 – Tải nhiều địa chỉ web cùng lúc bằng luồng (bài làm của bạn).

Đề bài: tải nội dung của nhiều địa chỉ (URL) bằng `concurrent.futures.ThreadPoolExecutor`. Mỗi
yêu cầu chủ yếu là *chờ* máy chủ trả lời; trong lúc chờ, luồng nhả GIL, nên nhiều luồng chờ cùng
lúc được, kể cả trên máy một lõi.

- Đầu vào: `urls`, danh sách địa chỉ `http://…`; `workers`, số luồng.
- Đầu ra: danh sách nội dung (`bytes`) **theo đúng thứ tự `urls`**, bằng `fetch_all_sequential`.
- Ràng buộc: danh sách rỗng cho `[]`; lỗi của một địa chỉ (ví dụ HTTP 404) phải được ném ra, không
  được nuốt mất. Bài được chấm cả tốc độ: bộ kiểm thử chạy một máy chủ web nhỏ trên chính máy
  bạn (127.0.0.1, mỗi yêu cầu chậm 20 ms, không dùng Internet); với 8 luồng, bài phải nhanh hơn
  bản tuần tự ít nhất 4 lần.
- Bài giảng: docs/bai03-luong.md («Luồng cho I/O»).
"""

import urllib.request
from concurrent.futures import ThreadPoolExecutor  # noqa: F401  (bạn sẽ cần đến nó)

# --8<-- [start:given]
# Không dùng proxy: máy chủ thử của khóa học chạy trên chính máy này, HTTP(S)_PROXY không áp dụng.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str, timeout: float = 10.0) -> bytes:
    """Nội dung của một địa chỉ (đã cho sẵn); lỗi HTTP gây urllib.error.HTTPError."""
    with OPENER.open(url, timeout=timeout) as response:
        return response.read()


def fetch_all_sequential(urls: list[str]) -> list[bytes]:
    """Bản tuần tự (đã cho sẵn): tải từng địa chỉ một."""
    return [fetch(url) for url in urls]
# --8<-- [end:given]


# --8<-- [start:task]
def fetch_all(urls: list[str], workers: int = 8) -> list[bytes]:
    """Tải mọi địa chỉ bằng `workers` luồng; kết quả theo thứ tự `urls`."""
    # TODO: tạo ThreadPoolExecutor(max_workers=workers) và dùng pool.map với fetch.
    raise NotImplementedError(
        "Chưa làm: hãy viết fetch_all bằng ThreadPoolExecutor (xem gợi ý: tangtoc hint "
        "bai03_tai_url)."
    )
# --8<-- [end:task]

"""Bài 02 – Băm nhiều tệp bằng luồng: khi thư viện nhả GIL (bài làm của bạn).

Đề bài: tính mã băm SHA3-256 của nhiều tệp (như lệnh `sha3sum`) bằng nhiều **luồng** (thread).
Hàm `checksum_file` đã cho đọc tệp theo khối 1 MiB và đưa từng khối cho `hashlib`; vì mỗi khối
lớn hơn 2047 byte, hashlib nhả GIL trong lúc băm, nên các luồng băm song song thật trên nhiều lõi.

- Đầu vào: `paths`, danh sách đường dẫn; `workers`, số luồng.
- Đầu ra: danh sách chuỗi hex (64 ký tự) **theo đúng thứ tự `paths`**, bằng
  `checksum_files_sequential`.
- Ràng buộc: danh sách rỗng cho `[]`; tệp không đọc được gây `ValueError` có tên tệp. Bài được
  chấm cả tốc độ: trên máy 2 lõi phải nhanh hơn bản tuần tự ít nhất 1,3 lần, bằng luồng.
- Bài giảng: docs/bai02-gil.md («GIL: khóa toàn cục của trình thông dịch»).
"""

import hashlib
from concurrent.futures import ThreadPoolExecutor  # noqa: F401  (bạn sẽ cần đến nó)
from pathlib import Path

# --8<-- [start:given]
CHUNK_BYTES = 2**20  # 1 MiB mỗi lần update: lớn hơn hẳn ngưỡng 2047 byte mà từ đó hashlib nhả GIL


def checksum_file(path: str | Path) -> str:
    """SHA3-256 của một tệp, dạng hex (đã cho sẵn)."""
    digest = hashlib.sha3_256()
    try:
        with open(path, "rb") as file:
            while chunk := file.read(CHUNK_BYTES):
                digest.update(chunk)  # hashlib nhả GIL trong lúc băm khối này
    except OSError as error:
        raise ValueError(f"Không đọc được tệp «{path}»: {error}") from None
    return digest.hexdigest()


def checksum_files_sequential(paths: list[str | Path]) -> list[str]:
    """Bản tuần tự (đã cho sẵn)."""
    return [checksum_file(path) for path in paths]
# --8<-- [end:given]


# --8<-- [start:task]
def checksum_files_threads(paths: list[str | Path], workers: int = 2) -> list[str]:
    """Mã băm của mọi tệp, tính bằng `workers` luồng; kết quả theo thứ tự `paths`."""
    # TODO: tạo ThreadPoolExecutor(max_workers=workers) và dùng pool.map với checksum_file.
    raise NotImplementedError(
        "Chưa làm: hãy viết checksum_files_threads (xem gợi ý: tangtoc hint bai02_bam_tep)."
    )
# --8<-- [end:task]


if __name__ == "__main__":
    import sys
    import time

    files = sys.argv[1:] or [__file__]
    start = time.perf_counter()
    for path, checksum in zip(files, checksum_files_threads(files, workers=4), strict=True):
        print(f"{checksum}  {path}")
    print(f"{time.perf_counter() - start:.2f} s", file=sys.stderr)

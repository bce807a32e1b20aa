"""Bài 10 – Tùy chọn, cần gói [cum]: tổng hợp log trên một cụm Dask (bài làm của bạn).

Đề bài: như dự án cuối (bài 9), tóm tắt các tệp log truy cập, nhưng lần này giao việc cho một
cụm (cluster) Dask thật: `dask.distributed` với một bộ lập lịch (scheduler) và `workers` tiến
trình làm việc (worker). Bạn viết đồ thị việc (task graph): mỗi tệp một việc `count_file`, rồi
gộp các bảng đếm *trên cụm* bằng các việc `merge_counts` theo hình cây (tree reduction), để chỉ
một bảng đếm cuối cùng về tới chương trình chính.

- Đầu vào: `paths`, danh sách đường dẫn (`str` hoặc `pathlib.Path`); `workers`, số tiến trình
  làm việc của cụm.
- Đầu ra: một `dict` đúng bằng `analyze_sequential(paths)` (so sánh bằng `==`).
- Ràng buộc: khởi động cụm *bên trong* hàm, trong câu lệnh `with`, đúng bằng
  `LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
  dashboard_address=None)` và một `Client(cluster)`, để mọi tiến trình của cụm dừng khi hàm trả
  về. Danh sách rỗng cho bản tóm tắt rỗng mà không cần khởi động cụm; tệp không đọc được gây
  `ValueError` có tên tệp. Bài được chấm cả tốc độ: phải nhanh hơn bản tuần tự dù tính cả thời
  gian khởi động và dừng cụm (≈ 2 giây), và với `workers` worker phải nhanh hơn chính nó với
  một worker ít nhất 1 + 0,2·(p − 1) lần (1,2 lần trên máy 2 lõi). Cần cài phần tùy chọn:
  `.venv/bin/pip install -e '.[cum]'`; chưa cài thì bài được bỏ qua kèm lý do.
- Bài giảng: docs/bai10-vuot-mot-may.md («Vượt ra ngoài một máy»).
"""

from collections import Counter
from functools import reduce
from pathlib import Path

from dask.distributed import Client, LocalCluster  # noqa: F401  (bạn sẽ cần đến chúng)

# --8<-- [start:given]
TOP_URLS = 10


def count_file(path: str | Path) -> Counter:
    """Bảng đếm của một tệp log (đã cho sẵn): khóa ("status", mã), ("url", đường dẫn),
    ("ms", độ trễ), "lines" (dòng hợp lệ) và "bad_lines" (dòng hỏng)."""
    counts = Counter()
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                fields = line.split()
                if len(fields) != 7 or not fields[5].endswith("ms") \
                        or not fields[4].isdigit() or not fields[5][:-2].isdigit():
                    counts["bad_lines"] += 1
                    continue
                counts["lines"] += 1
                counts["status", int(fields[4])] += 1
                counts["url", fields[3].partition("?")[0]] += 1
                counts["ms", int(fields[5][:-2])] += 1
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"Không đọc được tệp «{path}»: {error}") from None
    return counts


def merge_counts(first: Counter, second: Counter) -> Counter:
    """Gộp hai bảng đếm thành một bảng mới (đã cho sẵn); thứ tự gộp không đổi kết quả."""
    return first + second


def latency_percentile(counts: Counter, q: int) -> int | None:
    """Phân vị q của độ trễ theo hạng gần nhất (nearest rank), từ các khóa ("ms", giá trị)."""
    rank = max(1, -(-q * counts["lines"] // 100))  # ceil(q/100 · số dòng hợp lệ)
    seen = 0
    for value in sorted(key[1] for key in counts if key[0:1] == ("ms",)):
        seen += counts["ms", value]
        if seen >= rank:
            return value
    return None


def summarize(counts: Counter) -> dict:
    """Bản tóm tắt từ bảng đếm đã gộp xong (đã cho sẵn)."""
    urls = [(key[1], n) for key, n in counts.items() if key[0:1] == ("url",)]
    return {
        "lines": counts["lines"],
        "bad_lines": counts["bad_lines"],
        "status": dict(sorted((key[1], n) for key, n in counts.items()
                              if key[0:1] == ("status",))),
        "top_urls": sorted(urls, key=lambda item: (-item[1], item[0]))[:TOP_URLS],
        "p50_ms": latency_percentile(counts, 50),
        "p99_ms": latency_percentile(counts, 99),
    }


def analyze_sequential(paths: list[str | Path]) -> dict:
    """Bản tuần tự (đã cho sẵn): đếm từng tệp một, gộp, tóm tắt."""
    return summarize(reduce(merge_counts, map(count_file, paths), Counter()))
# --8<-- [end:given]


# --8<-- [start:task]
def analyze_dask(paths: list[str | Path], workers: int = 2) -> dict:
    """Như analyze_sequential, nhưng đếm và gộp trên một cụm Dask gồm `workers` tiến trình."""
    # TODO: trong `with LocalCluster(...) as cluster, Client(cluster) as client:`, giao mỗi tệp
    # một việc count_file (client.map), gộp các kết quả từng đôi một trên cụm bằng các việc
    # merge_counts (client.submit) cho tới khi chỉ còn một, rồi trả về summarize(...).
    raise NotImplementedError(
        "Chưa làm: hãy viết analyze_dask bằng một cụm Dask (LocalCluster + Client) "
        "(xem gợi ý: tangtoc hint bai10_dask_log)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    import tempfile
    import time

    from tangtoc.datasets import write_log_files

    with tempfile.TemporaryDirectory() as folder:
        files = write_log_files(Path(folder), n_files=24, lines_per_file=100_000, seed=10)
        start = time.perf_counter()
        expected = analyze_sequential(files)
        sequential = time.perf_counter() - start
        start = time.perf_counter()
        summary = analyze_dask(files, workers=2)
        parallel = time.perf_counter() - start
    print(f"Đúng kết quả: {summary == expected}")
    print(f"{summary['lines']} dòng hợp lệ; p50/p99: {summary['p50_ms']}/{summary['p99_ms']} ms")
    print(f"Tuần tự {sequential:.2f} s, cụm Dask {parallel:.2f} s "
          f"(cả khởi động cụm), tăng tốc {sequential / parallel:.2f}×")
# --8<-- [end:main]

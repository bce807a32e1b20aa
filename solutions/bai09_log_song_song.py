"""Bài 09 – Dự án cuối: xử lý log song song (lời giải tham khảo).

Đề bài: cho danh sách tệp log truy cập của một máy chủ web (mỗi dòng một yêu cầu, xem
`tangtoc.datasets.write_log_files`), tính bản tóm tắt: số dòng hợp lệ và hỏng, số yêu cầu theo
mã trạng thái (status code), 10 URL được gọi nhiều nhất, và các phân vị (percentile) 50, 95, 99
của độ trễ (latency), dùng nhiều tiến trình (process).

- Đầu vào: `paths`, danh sách đường dẫn (`str` hoặc `pathlib.Path`); `workers`, số tiến trình.
- Đầu ra: một `dict` đúng bằng kết quả của `analyze_sequential(paths)` (so sánh bằng `==`).
- Ràng buộc: danh sách rỗng cho bản tóm tắt rỗng như bản tuần tự; số tiến trình có thể lớn hơn
  số tệp; tệp không đọc được gây `ValueError` có tên tệp. Đừng gửi từng dòng hay danh sách độ
  trễ về tiến trình chính: mỗi tiến trình con gửi về một `LogStats` (các bảng đếm, gộp được).
  Bài được chấm cả tốc độ: trên máy 2 lõi phải nhanh hơn bản tuần tự ít nhất 1,3 lần.
- Bài giảng: docs/bai09-log-song-song.md («Dự án cuối: xử lý log song song»).
"""

from collections import Counter
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

# --8<-- [start:given]
TOP_URLS = 10
PERCENTILES = (50, 95, 99)


@dataclass
class LogStats:
    """Bảng đếm của một phần log; hai LogStats gộp được bằng merge() (đã cho sẵn)."""

    lines: int = 0
    bad_lines: int = 0
    status: Counter = field(default_factory=Counter)
    urls: Counter = field(default_factory=Counter)
    latency_ms: Counter = field(default_factory=Counter)  # histogram: {ms: số yêu cầu}

    def add_line(self, line: str) -> None:
        fields = line.split()
        try:
            if len(fields) != 7 or not fields[5].endswith("ms"):
                raise ValueError(line)
            status, latency = int(fields[4]), int(fields[5][:-2])
        except ValueError:
            self.bad_lines += 1
            return
        self.lines += 1
        self.status[status] += 1
        self.urls[fields[3].split("?", 1)[0]] += 1
        self.latency_ms[latency] += 1

    def merge(self, other: "LogStats") -> None:
        self.lines += other.lines
        self.bad_lines += other.bad_lines
        self.status.update(other.status)
        self.urls.update(other.urls)
        self.latency_ms.update(other.latency_ms)


def aggregate_file(path: str | Path) -> LogStats:
    """Đọc và đếm một tệp log (đã cho sẵn)."""
    stats = LogStats()
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                stats.add_line(line)
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"Không đọc được tệp «{path}»: {error}") from None
    return stats


def percentile(histogram: Counter, q: float) -> int | None:
    """Phân vị q theo hạng gần nhất (nearest rank) của một histogram {giá trị: số lần}."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, -(-q * total // 100))  # ceil(q/100 · total)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable")


def by_count_then_url(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def summarize(stats: LogStats) -> dict:
    """Bản tóm tắt cuối cùng từ bảng đếm đã gộp (đã cho sẵn)."""
    return {
        "lines": stats.lines,
        "bad_lines": stats.bad_lines,
        "status": dict(sorted(stats.status.items())),
        "top_urls": sorted(stats.urls.items(), key=by_count_then_url)[:TOP_URLS],
        **{f"p{q}_ms": percentile(stats.latency_ms, q) for q in PERCENTILES},
    }


def analyze_sequential(paths: list[str | Path]) -> dict:
    """Bản tuần tự (đã cho sẵn): đếm từng tệp một, gộp, tóm tắt."""
    total = LogStats()
    for path in paths:
        total.merge(aggregate_file(path))
    return summarize(total)
# --8<-- [end:given]


# --8<-- [start:task]
def analyze_parallel(paths: list[str | Path], workers: int = 2) -> dict:
    """Như analyze_sequential, nhưng đếm các tệp bằng `workers` tiến trình."""
    total = LogStats()
    if paths:
        # Each worker reads its own files (only paths travel) and sends back small tables.
        chunksize = max(1, len(paths) // (4 * workers))
        with Pool(processes=min(workers, len(paths))) as pool:
            try:
                for stats in pool.imap_unordered(aggregate_file, paths, chunksize=chunksize):
                    total.merge(stats)
            finally:  # finish before `with` calls terminate(): python/cpython#96995
                pool.close()
                pool.join()
    return summarize(total)
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    import tempfile
    import time

    from tangtoc.datasets import write_log_files

    with tempfile.TemporaryDirectory() as folder:
        files = write_log_files(Path(folder), n_files=40, lines_per_file=50_000, seed=9)
        start = time.perf_counter()
        expected = analyze_sequential(files)
        sequential = time.perf_counter() - start
        start = time.perf_counter()
        summary = analyze_parallel(files, workers=2)
        parallel = time.perf_counter() - start
    print(f"Đúng kết quả: {summary == expected}")
    print(f"{summary['lines']} dòng hợp lệ, {summary['bad_lines']} dòng hỏng; "
          f"mã trạng thái: {summary['status']}")
    print(f"p50/p95/p99: {summary['p50_ms']}/{summary['p95_ms']}/{summary['p99_ms']} ms; "
          f"URL nhiều nhất: {summary['top_urls'][:3]}")
    print(f"Tuần tự {sequential:.2f} s, song song {parallel:.2f} s, "
          f"tăng tốc {sequential / parallel:.2f}×")
# --8<-- [end:main]

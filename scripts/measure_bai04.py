"""Measure the Pool word count of lesson 4 and write the table the lesson page embeds.

    python scripts/measure_bai04.py [--files 300] [--rounds 3] [--out measurements/bai04_pool.md]

For each start method, rounds run the sequential baseline and the reference solution with each
worker count in turn (fresh runner processes, same files, timed like the speed checks: from
process start to full result); the table keeps the fastest run of each.
"""

import argparse
import multiprocessing
import tempfile
from pathlib import Path

from tangtoc import environment, paths
from tangtoc.datasets import write_text_files
from tangtoc.runner import call_or_raise

EXERCISE = "bai04_dem_tu"
WORKER_COUNTS = (1, 2, 4)


def timed(function: str, files: list[Path], start_method: str, **kwargs) -> float:
    result = call_or_raise(paths.SOLUTIONS, EXERCISE, function, (files,), kwargs,
                           start_method=start_method)
    return result.seconds


def table_rows(files: list[Path], rounds: int) -> list[str]:
    rows = []
    for method in multiprocessing.get_all_start_methods():
        times = {workers: [] for workers in (0, *WORKER_COUNTS)}  # 0 = sequential
        for _ in range(rounds):  # each round runs every variant once: runs alternate
            times[0].append(timed("count_words_sequential", files, method))
            for workers in WORKER_COUNTS:
                times[workers].append(timed("count_words_parallel", files, method,
                                            workers=workers))
        sequential = min(times[0])
        for workers in WORKER_COUNTS:
            parallel = min(times[workers])
            speedup = sequential / parallel
            rows.append(f"| {method} | {workers} | {sequential:.2f} | {parallel:.2f} "
                        f"| {speedup:.2f}× | {speedup / workers:.0%} |")
            print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=paths.ROOT / "measurements" / "bai04_pool.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = write_text_files(Path(folder), args.files, words_per_file=20_000, seed=4)
        rows = table_rows(files, args.rounds)
    header = [
        "| Phương thức khởi động | Số tiến trình | Tuần tự (s) | Song song (s) | Tăng tốc "
        "| Hiệu suất |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    caption = (
        f"*{environment.machine_label()}; tạo bằng `python scripts/measure_bai04.py`: "
        f"{args.files} tệp × 20 000 từ. Mỗi ô là lần nhanh nhất "
        f"trong {args.rounds} vòng chạy xen kẽ bản tuần tự và các bản song song, tính từ lúc "
        f"khởi động tiến trình đến khi nhận đủ kết quả.*"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join([*header, *rows, "", caption, ""]), encoding="utf-8")
    print(f"Đã ghi {args.out}")


if __name__ == "__main__":
    main()

"""Measure the capstone log pipeline of lesson 9 and write the tables the lesson page embeds.

    python scripts/measure_bai09.py [--files 48] [--lines 50000] [--rounds 3]
                                    [--out measurements/bai09_log.md]

Table 1: the sequential baseline and the reference with 1–4 workers, each in a fresh runner
process (timed like the speed checks, from process start to full result), rounds alternating,
fastest run kept. Table 2: where the sequential time goes (reading the files only, parsing and
counting, merging the per-file tables, summarizing), measured in this process; the parts that
stay serial in the parallel version give Amdahl's bound.
"""

import argparse
import tempfile
import time
from pathlib import Path

from tangtoc import environment, paths, reference
from tangtoc.datasets import write_log_files
from tangtoc.runner import call_or_raise

EXERCISE = "bai09_log_song_song"
WORKER_COUNTS = (1, 2, 3, 4)


def timed(function: str, files: list[Path], **kwargs) -> float:
    result = call_or_raise(paths.SOLUTIONS, EXERCISE, function, (files,), kwargs)
    return result.seconds


def scaling_rows(files: list[Path], rounds: int) -> tuple[list[str], float]:
    times = {workers: [] for workers in (0, *WORKER_COUNTS)}  # 0 = sequential
    for _ in range(rounds):
        times[0].append(timed("analyze_sequential", files))
        for workers in WORKER_COUNTS:
            times[workers].append(timed("analyze_parallel", files, workers=workers))
    sequential = min(times[0])
    rows = [f"| tuần tự | {sequential:.2f} | 1.00× | – |"]
    for workers in WORKER_COUNTS:
        speedup = sequential / min(times[workers])
        rows.append(f"| {workers} | {min(times[workers]):.2f} | {speedup:.2f}× "
                    f"| {speedup / workers:.0%} |")
    return rows, sequential


def breakdown_rows(files: list[Path]) -> tuple[list[str], float]:
    """Seconds spent in each phase of the sequential pipeline (best of 3)."""
    module = reference.load(EXERCISE)
    phases = {"đọc tệp (chỉ đọc, không phân tích)": [], "phân tích và đếm từng tệp": [],
              "gộp các bảng đếm (merge)": [], "tóm tắt (summarize)": []}
    names = list(phases)
    for _ in range(3):
        start = time.perf_counter()
        for path in files:
            path.read_bytes()
        phases[names[0]].append(time.perf_counter() - start)
        start = time.perf_counter()
        partials = [module.aggregate_file(path) for path in files]
        phases[names[1]].append(time.perf_counter() - start)
        start = time.perf_counter()
        total = module.LogStats()
        for stats in partials:
            total.merge(stats)
        phases[names[2]].append(time.perf_counter() - start)
        start = time.perf_counter()
        module.summarize(total)
        phases[names[3]].append(time.perf_counter() - start)
    best = {name: min(values) for name, values in phases.items()}
    work = best[names[1]] + best[names[2]] + best[names[3]]
    serial_fraction = (best[names[2]] + best[names[3]]) / work
    rows = [f"| {name} | {seconds:.3f} |" for name, seconds in best.items()]
    return rows, serial_fraction


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=48)
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=paths.ROOT / "measurements" / "bai09_log.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = write_log_files(Path(folder), args.files, args.lines, seed=9)
        megabytes = sum(path.stat().st_size for path in files) / 1e6
        scaling, sequential = scaling_rows(files, args.rounds)
        breakdown, serial = breakdown_rows(files)
    p = 1 - serial
    amdahl = "; ".join(f"S({n}) ≤ {1 / (serial + p / n):.2f}×" for n in (2, 8, 64))
    text = [
        "| Số tiến trình | Thời gian (s) | Tăng tốc | Hiệu suất |", "|---|---:|---:|---:|",
        *scaling, "",
        f"*Bảng 1. {args.files} tệp × {args.lines} dòng ({megabytes:.0f} MB), tức "
        f"{megabytes / sequential:.0f} MB/s khi chạy tuần tự. Mỗi ô là lần nhanh nhất trong "
        f"{args.rounds} vòng chạy xen kẽ, tính từ lúc khởi động tiến trình đến khi nhận đủ "
        "kết quả.*", "",
        "| Giai đoạn (chạy tuần tự) | Thời gian (s) |", "|---|---:|", *breakdown, "",
        f"*Bảng 2. Phần phải chạy tuần tự ở tiến trình chính (gộp + tóm tắt) chiếm "
        f"{serial:.2%} công việc, nên theo luật Amdahl: {amdahl} (chưa tính khởi động tiến "
        "trình và pickle).*", "",
        f"*{environment.machine_label()}; tạo bằng `python scripts/measure_bai09.py`; "
        "phương thức khởi động "
        f"{environment.default_start_method()}; các tệp nằm sẵn trong bộ nhớ đệm của hệ điều "
        "hành (page cache).*", "",
    ]
    args.out.write_text("\n".join(text), encoding="utf-8")
    print("\n".join(text))


if __name__ == "__main__":
    main()

"""Measure lesson 10's Dask exercise on real local clusters and write the table the page embeds.

    python scripts/measure_bai10_dask.py [--files 100] [--lines 50000] [--rounds 5]
                                         [--out measurements/bai10_dask.md]

Needs the [cum] extra. Each variant runs in a fresh runner process (timed like the speed checks,
from process start to full result, so the cluster's start-up counts), rounds alternating,
fastest run kept: the sequential baseline and the reference (solutions/) on
LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None) with 1 and 2
workers; the same task graph on one worker process with 2 threads, and a 2-worker cluster that
starts and stops with no work (tangtoc/experiments/dask_log.py). The default size makes the
sequential baseline take about 8 s here, the size the exercise's speed check grows its workload
to (tests/graded/test_bai10_dask_log.py, target_seconds=8.0).
"""

import argparse
import tempfile
from importlib.metadata import version
from pathlib import Path

from tangtoc import environment, paths
from tangtoc.datasets import write_log_files
from tangtoc.runner import call_or_raise

EXERCISE = "bai10_dask_log"
EXPERIMENT = "tangtoc.experiments.dask_log"
SEQUENTIAL = "tuần tự (`analyze_sequential`)"
# label: (folder, module, function, kwargs, takes the files)
VARIANTS = {
    SEQUENTIAL: (paths.SOLUTIONS, EXERCISE, "analyze_sequential", {}, True),
    "Dask: 1 worker × 1 luồng": (paths.SOLUTIONS, EXERCISE, "analyze_dask", {"workers": 1}, True),
    "Dask: 2 worker × 1 luồng": (paths.SOLUTIONS, EXERCISE, "analyze_dask", {"workers": 2}, True),
    "Dask: 1 worker × 2 luồng": (paths.ROOT, EXPERIMENT, "analyze_in_threads", {"threads": 2},
                                 True),
    "Dask: chỉ khởi động rồi dừng cụm 2 worker, không có việc": (
        paths.ROOT, EXPERIMENT, "start_and_stop", {"workers": 2}, False),
}


def best_times(files: list[Path], rounds: int) -> dict[str, float]:
    best = {}
    for _ in range(rounds):
        for label, (folder, module, function, kwargs, with_files) in VARIANTS.items():
            args = (files,) if with_files else ()
            seconds = call_or_raise(folder, module, function, args, kwargs).seconds
            best[label] = min(seconds, best.get(label, seconds))
            print(f"{label}: {seconds:.2f} s", flush=True)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path,
                        default=paths.ROOT / "measurements" / "bai10_dask.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = write_log_files(Path(folder), args.files, args.lines, seed=10)
        megabytes = sum(path.stat().st_size for path in files) / 1e6
        best = best_times(files, args.rounds)
    sequential = best[SEQUENTIAL]
    rows = ["| Cách chạy | Thời gian (s) | Tăng tốc |", "|---|---:|---:|"]
    for label, seconds in best.items():
        speedup = f"{sequential / seconds:.2f}×" if VARIANTS[label][4] else "–"
        rows.append(f"| {label} | {seconds:.2f} | {speedup} |")
    caption = (
        f"*{args.files} tệp log × {args.lines} dòng ({megabytes:.0f} MB), cỡ khối lượng mà phần "
        "đo tốc độ của bài tập chọn (bản tuần tự khoảng 8 s). Mỗi ô là lần nhanh "
        f"nhất trong {args.rounds} vòng chạy xen kẽ, mỗi lần trong một tiến trình mới, tính từ "
        "lúc khởi động tiến trình (kể cả import dask) đến khi nhận đủ kết quả, nên thời gian "
        "khởi động cụm được tính vào; cụm là `LocalCluster(processes=True, "
        "dashboard_address=None)` với số worker và số luồng mỗi worker ghi ở từng dòng. "
        f"{environment.machine_label()}, dask {version('dask')}, distributed "
        f"{version('distributed')}; tạo bằng `python scripts/measure_bai10_dask.py`.*"
    )
    args.out.write_text("\n".join([*rows, "", caption, ""]), encoding="utf-8")
    print("\n".join([*rows, "", caption]))


if __name__ == "__main__":
    main()

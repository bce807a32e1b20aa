"""Measure lesson 2's GIL experiment and write its table and timeline figures.

    python scripts/measure_bai02.py [--rounds 3] [--workers 4] [--tasks 8]

For each workload of tangtoc/experiments/gil.py (pure Python, hashlib on 8 MiB blocks, hashlib
on 1 KiB pieces), runs the same tasks sequentially, on a thread pool and on a process pool,
rounds alternating the modes, keeping the fastest run of each. Writes
measurements/bai02_gil.md and docs/images/bai02/<workload>.png (one row per worker).
"""

import argparse
import sys

from tangtoc import environment, paths, plots
from tangtoc.experiments import gil


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--tasks", type=int, default=8)
    args = parser.parse_args()
    images = paths.DOCS / "images" / "bai02"
    images.mkdir(parents=True, exist_ok=True)
    rows = ["| Việc | Tuần tự | 4 luồng | 4 tiến trình |", "|---|---:|---:|---:|"]
    for workload, (_, title) in gil.WORKLOADS.items():
        best = gil.compare(workload, args.tasks, args.workers, rounds=args.rounds)
        sequential = best["tuần tự"][0]
        cells = [f"{sequential:.2f} s"]
        for mode in gil.MODES[1:]:
            seconds = best[mode][0]
            cells.append(f"{seconds:.2f} s ({sequential / seconds:.2f}×)")
        rows.append(f"| {title} | " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
        figure = plots.timeline_figure(gil.aligned(best), f"{title}: {args.tasks} việc như nhau")
        figure.savefig(images / f"{workload}.png", dpi=110, bbox_inches="tight")
    caption = (f"*{args.tasks} việc như nhau (mỗi việc khoảng 0,15 s khi chạy một mình), "
               f"{args.workers} worker; thời gian tính cả lúc tạo Pool; lần nhanh nhất trong "
               f"{args.rounds} vòng chạy xen kẽ; trong ngoặc là tăng tốc so với tuần tự. "
               f"{environment.machine_label()}, phương thức khởi động "
               f"{environment.default_start_method()}; tạo bằng "
               "`python scripts/measure_bai02.py`.*")
    out = paths.ROOT / "measurements" / "bai02_gil.md"
    out.write_text("\n".join([*rows, "", caption, ""]), encoding="utf-8")
    print(f"Đã ghi {out} và {images}/*.png", file=sys.stderr)


if __name__ == "__main__":
    main()

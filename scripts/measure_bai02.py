"""Measure lesson 2's GIL experiment and write its table and timeline figures.

    python scripts/measure_bai02.py [--rounds 3] [--workers 4] [--tasks 8] [--out-dir DIR]

For each workload of tangtoc/experiments/gil.py (pure Python, hashlib on 8 MiB blocks, hashlib
on 1 KiB pieces), runs the same tasks sequentially, on a thread pool and on a process pool,
rounds alternating the modes, keeping the fastest run of each. Writes
measurements/bai02_gil.md and docs/images/bai02/<workload>.png (one row per worker). The
measuring code is tangtoc/measure/bai02.py, which `tangtoc measure bai02` also runs.
"""

import argparse
import sys
from pathlib import Path

from tangtoc import paths, plots
from tangtoc.measure import bai02


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--tasks", type=int, default=8)
    parser.add_argument("--out-dir", type=Path, default=paths.ROOT / "measurements")
    parser.add_argument("--images", type=Path, default=paths.DOCS / "images" / "bai02")
    args = parser.parse_args()
    measured = bai02.measure(False, lambda text: print(text, flush=True),
                             "python scripts/measure_bai02.py", args.rounds, args.workers,
                             args.tasks)
    args.images.mkdir(parents=True, exist_ok=True)
    for timeline in measured.timelines:
        figure = plots.timeline_figure(timeline.rows(), timeline.title)
        figure.savefig(args.images / f"{timeline.name.removeprefix('bai02_')}.png", dpi=110,
                       bbox_inches="tight")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    out = args.out_dir / "bai02_gil.md"
    out.write_text(measured.tables[0].markdown(), encoding="utf-8")
    print(f"Đã ghi {out} và {args.images}/*.png", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Measure the Pool word count of lesson 4 and write the table the lesson page embeds.

    python scripts/measure_bai04.py [--files 300] [--rounds 3] [--out measurements/bai04_pool.md]

For each start method, rounds run the sequential baseline and the reference solution with each
worker count in turn (fresh runner processes, same files, timed like the speed checks: from
process start to full result); the table keeps the fastest run of each. The measuring code is
tangtoc/measure/bai04.py, which `tangtoc measure bai04` also runs.
"""

import argparse
from pathlib import Path

from tangtoc import paths
from tangtoc.measure import bai04


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=paths.ROOT / "measurements" / "bai04_pool.md")
    args = parser.parse_args()
    measured = bai04.measure(False, lambda text: print(text, flush=True),
                             "python scripts/measure_bai04.py", files=args.files,
                             rounds=args.rounds, counts=list(bai04.WORKER_COUNTS))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(measured.tables[0].markdown(), encoding="utf-8")
    print(f"Đã ghi {args.out}")


if __name__ == "__main__":
    main()

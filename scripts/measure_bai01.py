"""Measure what lesson 1 shows: the machine's CPUs and what starting a thread or a process
costs; and draw Amdahl's law from the reference calculator (bai01_amdahl).

    python scripts/measure_bai01.py [--repeat 30] [--out-dir measurements]

Writes measurements/bai01_khoi_dong.md (start-up table) and measurements/bai01_amdahl.md
(a mermaid line chart and a table), both labelled with date, CPU, cores and Python. The
measuring code is tangtoc/measure/bai01.py, which `tangtoc measure bai01` also runs.
"""

import argparse
from pathlib import Path

from tangtoc import paths
from tangtoc.measure import bai01

COMMAND = "python scripts/measure_bai01.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out-dir", type=Path, default=paths.ROOT / "measurements")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "bai01_amdahl.md").write_text(bai01.amdahl_chart(COMMAND), encoding="utf-8")
    table = bai01.startup_table(args.repeat, command=COMMAND)
    (args.out_dir / "bai01_khoi_dong.md").write_text(table.markdown(), encoding="utf-8")
    print(f"Đã ghi {args.out_dir}/bai01_amdahl.md và bai01_khoi_dong.md")


if __name__ == "__main__":
    main()

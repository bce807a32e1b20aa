"""Measure the free-threading exercise A/B: the same interpreter with the GIL on and off.

    python scripts/measure_khong_gil.py [--rounds 3] [--limit 600000]
        [--out measurements/bai02_khong_gil.md]

Times our sequential version and the reference's threads (1, 2, 4) on primes below --limit,
each call in a fresh runner process (timed like the speed checks), rounds alternating, fastest
kept. On a free-threaded build (python3.13t/3.14t) every row is measured twice: with the GIL
forced on (PYTHON_GIL=1, the same as -X gil=1) and off (PYTHON_GIL=0); on a GIL build only the
first column exists, and the caption says so. The GitHub Actions matrix runs it on 3.10-3.14t.
"""

import argparse
import os
from pathlib import Path

from tangtoc import environment, paths
from tangtoc.runner import call_or_raise

EXERCISE = "bai02_khong_gil"
VARIANTS = [("tuần tự", "primes_below_sequential", {}),
            *((f"{n} luồng", "primes_below_threads", {"workers": n}) for n in (1, 2, 4))]


def fastest(limit: int, rounds: int, gil: str | None) -> dict[str, float]:
    if gil is not None:
        os.environ["PYTHON_GIL"] = gil  # inherited by the runner: -X gil=<gil>
    best: dict[str, float] = {}
    try:
        for _ in range(rounds):
            for label, function, kwargs in VARIANTS:
                seconds = call_or_raise(paths.SOLUTIONS, EXERCISE, function, (limit,),
                                        kwargs).seconds
                best[label] = min(best.get(label, seconds), seconds)
    finally:
        os.environ.pop("PYTHON_GIL", None)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=600_000)
    parser.add_argument("--out", type=Path,
                        default=paths.ROOT / "measurements" / "bai02_khong_gil.md")
    args = parser.parse_args()
    free = environment.free_threaded_build()
    on = "GIL bật (-X gil=1)" if free else "GIL bật (bản thường)"
    columns = {on: fastest(args.limit, args.rounds, "1" if free else None)}
    if free:
        columns["GIL tắt (-X gil=0)"] = fastest(args.limit, args.rounds, "0")
    base = columns[on]["tuần tự"]
    rows = ["| Cách chạy | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for label, _, _ in VARIANTS:
        cells = [f"{best[label]:.2f} s ({base / best[label]:.2f}×)" for best in columns.values()]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    build = ("bản free-threaded: cùng trình thông dịch, chỉ đổi PYTHON_GIL" if free else
             "bản thường (có GIL): không tắt được GIL nên chỉ có một cột")
    limit = f"{args.limit:,}".replace(",", ".")
    caption = (f"*Các số nguyên tố nhỏ hơn {limit} (lời giải mẫu bai02_khong_gil), mỗi lần "
               f"gọi trong một tiến trình mới, lần nhanh nhất trong {args.rounds} vòng; trong "
               f"ngoặc là tăng tốc so với tuần tự có GIL. {build}. "
               f"{environment.machine_label()}; tạo bằng "
               "`python scripts/measure_khong_gil.py`.*")
    args.out.write_text("\n".join([*rows, "", caption, ""]), encoding="utf-8")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

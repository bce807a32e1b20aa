"""Benchmark the speed checks: how often do the reference and the cheats pass, per start method?

    python scripts/benchmark_speed_checks.py [--runs 20] [--exercise bai04_dem_tu ...]
                                             [--start-methods fork spawn forkserver]

Each run is a full graded speed test (calibration, alternating rounds, verdict) on the reference
solution, the thread-pool cheat and the sequential cheat. Run it on an otherwise idle machine;
it prints figures, it asserts nothing. Target on 2 cores: reference ≥ 99 %, cheats 0 %.
"""

import argparse
import multiprocessing
import statistics

from tangtoc import catalog, environment, paths
from tangtoc.graded_run import run_graded_tests

VARIANTS = {
    "lời giải": paths.SOLUTIONS,
    "gian lận: luồng": paths.TESTS / "cheats" / "threads",
    "gian lận: tuần tự": paths.TESTS / "cheats" / "sequential",
}


def one_run(exercise, target, start_method) -> tuple[bool, float | None]:
    records = run_graded_tests(exercise, target, "speed", "--start-method", start_method)
    passed = all(r["outcome"] == "passed" for r in records)
    speedups = [r["properties"].get("speed", {}).get("speedup") for r in records]
    return passed, speedups[0]


def summary(speedups: list[float]) -> str:
    if not speedups:
        return "không có số đo"
    if len(speedups) == 1:
        speedups = speedups * 2
    quartiles = statistics.quantiles(speedups, n=4, method="inclusive")
    return (f"min {min(speedups):.2f}× · Q1 {quartiles[0]:.2f}× · trung vị {quartiles[1]:.2f}× "
            f"· Q3 {quartiles[2]:.2f}× · max {max(speedups):.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--exercise", nargs="*",
                        default=[e.id for e in catalog.exercises() if e.kind == "speed"])
    parser.add_argument("--start-methods", nargs="*",
                        default=multiprocessing.get_all_start_methods())
    args = parser.parse_args()
    print(f"{environment.machine_label()}; {args.runs} lần mỗi ô.", flush=True)
    for exercise in map(catalog.get, args.exercise):
        for method in args.start_methods:
            for label, target in VARIANTS.items():
                results = [one_run(exercise, target, method) for _ in range(args.runs)]
                passes = sum(passed for passed, _ in results)
                speedups = [s for _, s in results if s is not None]
                print(f"{exercise.id} | {method:<10} | {label:<17} | đạt {passes}/{args.runs} "
                      f"({passes / args.runs:.0%}) | {summary(speedups)}", flush=True)


if __name__ == "__main__":
    main()

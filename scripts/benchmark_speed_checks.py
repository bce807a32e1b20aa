"""Benchmark the speed checks: how often do correct solutions pass and cheats fail?

    python scripts/benchmark_speed_checks.py [--rounds 5] [--exercise bai04_dem_tu ...]
        [--start-methods fork spawn forkserver] [--variants lời_giải executor_map threads ...]
        [--loads 0 0.3] [--lock /tmp/tangtoc-cpu.lock] [--details rounds.jsonl]

For each exercise, start method, background load and variant, one round is a full graded
speed test (calibration, alternating rounds, verdict), exactly as `tangtoc check` runs it.
Variants: the reference (`lời_giải`), every independently written correct alternative in
tests/project/alternatives/<design>/<exercise>.py, and the cheats in
tests/project/cheats/<kind>/ (threads, sequential, fast_sequential, …). A load is one process
busy for that fraction of a core beside the check (a browser, an editor). With --lock, each
round takes that file's lock on its own, so a long benchmark never holds a shared machine for
long. With --details, every round of a correct version that did not pass, and of a cheat that
did, is appended to that file as one JSON line with its speed reports (every run's seconds,
cores and background): the figures to read when a rate is off target.

It prints a table and asserts nothing. Targets on 2 cores (DESIGN.md §4 rule 8): correct
solutions pass ≥ 99 % on an idle machine and are never failed under load (pass or
not_gradable); cheats pass 0 %.
"""

import argparse
import contextlib
import fcntl
import json
import multiprocessing
import statistics
from collections import Counter
from pathlib import Path

from tangtoc import catalog, cpu_usage, environment, paths
from tangtoc.graded_run import run_graded_tests
from tangtoc.records import Status, worst

ALTERNATIVES = paths.PROJECT_TESTS / "alternatives"
CHEATS = paths.PROJECT_TESTS / "cheats"
NOT_SPEED_CHEATS = ("patch_judge", "forged_reply")  # cheats of the judge, not of the speed check
REFERENCE = "lời_giải"
# Columns of the table: a round's worst status; timeout, crashed and error count as "lỗi".
COLUMNS = {Status.PASSED: "đạt", Status.FAILED: "trượt", Status.NOT_GRADABLE: "không chấm",
           Status.ERROR: "lỗi"}


def variants(exercise: catalog.Exercise) -> dict[str, tuple[str, Path]]:
    """name -> (kind: correct | cheat, folder) for everything we have for this exercise."""
    found = {REFERENCE: ("correct", paths.SOLUTIONS)}
    for path in sorted(ALTERNATIVES.glob(f"*/{exercise.file_name}")):
        found[path.parent.name] = ("correct", path.parent)
    for folder in sorted(CHEATS.glob("*")):
        if (folder / exercise.file_name).is_file() and folder.name not in NOT_SPEED_CHEATS:
            found[folder.name] = ("cheat", folder)
    return found


@contextlib.contextmanager
def held(lock: str | None):
    if lock is None:
        yield
        return
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def one_round(exercise, target: Path, start_method: str, load: float,
              lock: str | None) -> tuple[Status, float | None, list[dict]]:
    """The worst status of the exercise's speed tests, the first one's speed-up, and every
    speed report of the round."""
    with held(lock), cpu_usage.background_load(load):
        records = run_graded_tests(exercise, target, "speed", "--start-method", start_method)
    status = worst(r.status for r in records) if records else Status.ERROR
    if status not in COLUMNS:
        status = Status.ERROR
    reports = [r.properties.get("speed", {}) for r in records]
    speedups = [report.get("speedup") for report in reports]
    return status, (speedups[0] if speedups else None), reports


def off_target(kind: str, status: Status) -> bool:
    return (status != Status.PASSED) if kind == "correct" else (status == Status.PASSED)


def summary(speedups: list[float]) -> str:
    if not speedups:
        return "–"
    return (f"{min(speedups):.2f}× / {statistics.median(speedups):.2f}× / "
            f"{max(speedups):.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--exercise", nargs="*",
                        default=[e.id for e in catalog.exercises() if e.kind == "speed"])
    parser.add_argument("--start-methods", nargs="*",
                        default=multiprocessing.get_all_start_methods())
    parser.add_argument("--variants", nargs="*", default=None,
                        help="names to run (default: all that exist for the exercise)")
    parser.add_argument("--loads", nargs="*", type=float, default=[0.0, 0.3],
                        help="background load, in cores, beside each check")
    parser.add_argument("--lock", default=None, help="take this file's lock for each round")
    parser.add_argument("--details", type=Path, default=None,
                        help="append the rounds off target to this file, one JSON line each")
    args = parser.parse_args()
    print(f"{environment.machine_label()}; {args.rounds} lần mỗi dòng.", flush=True)
    print("| bài | phương thức | tải nền | phiên bản | loại | đạt | trượt | không chấm | lỗi "
          "| tăng tốc min / trung vị / max |", flush=True)
    print("|---|---|---|---|---|---|---|---|---|---|", flush=True)
    for exercise in map(catalog.get, args.exercise):
        chosen = {name: found for name, found in variants(exercise).items()
                  if args.variants is None or name in args.variants}
        for method in args.start_methods:
            for load in args.loads:
                for name, (kind, target) in chosen.items():
                    results = [one_round(exercise, target, method, load, args.lock)
                               for _ in range(args.rounds)]
                    counts = Counter(outcome for outcome, _, _ in results)
                    speedups = [s for _, s, _ in results if s is not None]
                    if args.details:
                        with args.details.open("a", encoding="utf-8") as details:
                            for outcome, _, reports in results:
                                if off_target(kind, outcome):
                                    line = dict(exercise=exercise.id, method=method, load=load,
                                                variant=name, status=outcome, reports=reports)
                                    details.write(json.dumps(line, ensure_ascii=False) + "\n")
                    cells = " | ".join(str(counts[o]) for o in COLUMNS)
                    print(f"| {exercise.id} | {method} | {load:.1f} | {name} | "
                          f"{'đúng' if kind == 'correct' else 'gian lận'} | {cells} | "
                          f"{summary(speedups)} |", flush=True)


if __name__ == "__main__":
    main()

"""Benchmark the grader on a synthetic class: total time, time per submission, overhead.

    flock /tmp/tangtoc-cpu.lock python scripts/benchmark_grader.py [--students 30] [--jobs 2]

The class mixes correct, wrong and hostile submissions of bai04_dem_tu
(tests/project/grader_cases.py).
"Timed runs" is the time pytest spent inside our tests (runner calls, speed measurements:
what grading fundamentally costs); the grader's overhead is everything else (collecting tests,
copying trees, starting and tearing down judges, reports), per submission. The cost of starting
one bubblewrap sandbox (tangtoc.bubblewrap) is measured apart: a trivial call with and without
it, the difference of the medians; it is inside the timed runs, once per call.
Run it under the machine's CPU lock, like every measurement.
"""

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "project"))

from grader_cases import CASES, EXERCISE, write_case

from tangtoc import bubblewrap, environment, paths, runner
from tangtoc.cores import usable_cores
from tangtoc.grader.batch import Options, grade
from tangtoc.grader.sandbox import Limits

# A class: mostly honest work, some wrong, a few hostile (hangs cost their whole time limit).
MIX = ["dung"] * 10 + ["sai"] * 4 + ["luong", "tuan_tu"] * 2 + [
    "vong_lap", "khoa_chet", "an_bo_nho", "bom_tien_trinh", "thoat_khi_nhap", "os_exit_khi_nhap",
    "loi_cu_phap", "thieu_ham", "in_nhieu", "tien_trinh_ngam", "bo_lai_shm", "tra_cung",
    "dung_tat_ca", "chep_bai"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tangtoc-benchmark-") as scratch:
        folder = Path(scratch) / "lop"
        names = list(itertools.islice(itertools.cycle(MIX), args.students))
        for number, name in enumerate(names, start=1):
            write_case(folder, f"sv{number:02d}_{name}", CASES[name][0])
        started = time.monotonic()
        graded = grade(Options(folder, Path(scratch) / "out", jobs=args.jobs,
                               limits=Limits(timeout=args.timeout), exercises=(EXERCISE,),
                               skip_speed=args.skip_speed))
        total = time.monotonic() - started
    report(graded, total, len(names), args)
    bare, sandboxed = sandbox_start_cost()
    print(f"  one trivial call          {bare * 1000:8.1f} ms bare, {sandboxed * 1000:.1f} ms in "
          f"the sandbox: start cost {(sandboxed - bare) * 1000:.1f} ms per call")


def sandbox_start_cost(samples: int = 15) -> tuple[float, float]:
    """Median seconds of a trivial runner call, without and with the grader's sandbox."""
    def call() -> float:
        result = runner.call_or_raise(paths.SOLUTIONS, "bai01_do_thoi_gian", "speedup", (2, 1))
        return result.seconds

    bare = statistics.median(call() for _ in range(samples))
    uid = bubblewrap.FIRST_UID if os.geteuid() == 0 else None
    os.environ[bubblewrap.VARIABLE] = bubblewrap.Policy(uid=uid).to_env()
    try:
        sandboxed = statistics.median(call() for _ in range(samples))
    finally:
        del os.environ[bubblewrap.VARIABLE]
    return bare, sandboxed


def report(graded, total: float, students: int, args) -> None:
    tests = [t for r in graded.reports for t in r.tests]
    timed = {phase: sum(t.seconds for t in tests if t.phase == phase)
             for phase in ("correctness", "speed")}
    phases = graded.timings
    # Correctness runs share the machine (jobs at a time); speed runs are alone.
    correctness_overhead = phases["correctness"] - timed["correctness"] / args.jobs
    speed_overhead = phases["speed"] - timed["speed"]
    fixed = total - phases["correctness"] - phases["speed"]
    overhead = correctness_overhead + speed_overhead + fixed
    print(f"Grader benchmark: {students} submissions of {EXERCISE}, --jobs {args.jobs}, "
          f"--timeout {args.timeout:g}, {usable_cores()} usable cores")
    print(f"  {environment.machine_label()}")
    print(f"  total wall time           {total:8.1f} s  ({total / students:.2f} s/submission)")
    print(f"  correctness phase (wall)  {phases['correctness']:8.1f} s  "
          f"(timed test runs {timed['correctness']:.1f} s over {args.jobs} jobs)")
    print(f"  speed phase (wall)        {phases['speed']:8.1f} s  "
          f"(timed test runs {timed['speed']:.1f} s)")
    print(f"  fixed costs               {fixed:8.1f} s  "
          + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()
                      if k not in ("correctness", "speed")))
    print(f"  grader overhead           {overhead:8.1f} s  "
          f"({overhead / students:.2f} s/submission; target ≤ 2 s)")
    statuses: dict[str, int] = {}
    for test in tests:
        statuses[test.status] = statuses.get(test.status, 0) + 1
    print("  test statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))


if __name__ == "__main__":
    main()

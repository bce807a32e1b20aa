"""Time the strict site build (notebooks are never executed by it): the budget is 60 s.

    flock /tmp/tangtoc-cpu.lock python scripts/benchmark_site_build.py [--runs 3]

Each run builds into a fresh temporary folder, as CI does; the script prints every run and the
fastest. Run it under the machine's CPU lock, or the figures mean little.
"""

import argparse
import subprocess
import sys
import tempfile
import time

from tangtoc import paths

BUDGET_SECONDS = 60


def build_seconds() -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                        "--site-dir", folder], cwd=paths.ROOT, check=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for run in range(1, args.runs + 1):
        times.append(build_seconds())
        print(f"Lần {run}: {times[-1]:.1f} s", flush=True)
    verdict = "đạt" if min(times) <= BUDGET_SECONDS else "VƯỢT"
    print(f"Nhanh nhất {min(times):.1f} s, chậm nhất {max(times):.1f} s "
          f"(giới hạn {BUDGET_SECONDS} s: {verdict})")


if __name__ == "__main__":
    main()

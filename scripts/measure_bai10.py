"""Measure the three workloads of lesson 10 with each tool and write the table the page embeds.

    python scripts/measure_bai10.py [--rounds 3] [--out measurements/bai10_chon_cong_cu.md]

Each variant runs in a fresh runner process (timed like the speed checks, from process start
to full result), rounds alternating, fastest run kept. The variants are the course's own code:
the sequential baselines and the reference solution (solutions/), the wrong-tool versions the
speed checks must fail (tests/project/cheats/wrong_tool/), and an asyncio version of the I/O
workload (tangtoc/experiments/chon_cong_cu.py). The I/O workload fetches from the course's slow
local web server (tangtoc.experiments.slow_http), as the graded test does.
"""

import argparse
from pathlib import Path

from tangtoc import environment, paths
from tangtoc.cores import usable_cores
from tangtoc.experiments.slow_http import serve
from tangtoc.runner import call_or_raise

EXERCISE = "bai10_chon_cong_cu"
WRONG_TOOL = paths.PROJECT_TESTS / "cheats" / "wrong_tool"
ASYNC = paths.ROOT  # module tangtoc.experiments.chon_cong_cu
CORES = usable_cores()
LATENCY = 0.02


def workloads(server: str) -> dict:
    urls = [f"{server}/do/san-pham/{i}" for i in range(100)]
    return {
        "1. tải 100 địa chỉ (chờ 20 ms mỗi lần)": ("fetch_all", (urls,), [
            ("tuần tự", paths.SOLUTIONS, "fetch_all_sequential", {}),
            (f"{CORES} tiến trình (ProcessPoolExecutor)", WRONG_TOOL, "fetch_all", {}),
            ("16 luồng (ThreadPoolExecutor)", paths.SOLUTIONS, "fetch_all", {"workers": 16}),
            ("asyncio.gather (1 luồng)", ASYNC, "fetch_all_async", {}),
        ]),
        "2. Collatz cho 400 000 số (Python thuần)": ("total_collatz_steps", (1, 400_000), [
            ("tuần tự", paths.SOLUTIONS, "total_collatz_steps_sequential", {}),
            (f"{CORES} luồng (ThreadPoolExecutor)", WRONG_TOOL, "total_collatz_steps",
             {"workers": CORES}),
            (f"{CORES} tiến trình (ProcessPoolExecutor)", paths.SOLUTIONS, "total_collatz_steps",
             {"workers": CORES}),
        ]),
        "3. 2 000 000 khách hàng × 8 cửa hàng (mảng số)": ("customers_in_range", (2_000_000, 1), [
            ("tuần tự (vòng lặp Python)", paths.SOLUTIONS, "customers_in_range_sequential", {}),
            (f"{CORES} tiến trình chạy vòng lặp Python", WRONG_TOOL, "customers_in_range",
             {"workers": CORES}),
            ("numpy vector hóa (1 lõi)", paths.SOLUTIONS, "customers_in_range", {}),
        ]),
    }


def timed(folder: Path, module: str, function: str, args: tuple, kwargs: dict) -> float:
    result = call_or_raise(folder, module, function, args, kwargs)
    return result.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path,
                        default=paths.ROOT / "measurements" / "bai10_chon_cong_cu.md")
    args = parser.parse_args()
    rows = ["| Việc | Cách làm | Thời gian (s) | Tăng tốc |", "|---|---|---:|---:|"]
    with serve(LATENCY) as site:
        for title, (_, arguments, variants) in workloads(site.url).items():
            best = {}
            for _ in range(args.rounds):
                for label, folder, function, kwargs in variants:
                    module = "tangtoc.experiments.chon_cong_cu" if folder == ASYNC else EXERCISE
                    seconds = timed(folder, module, function, arguments, kwargs)
                    best[label] = min(seconds, best.get(label, seconds))
            sequential = best[variants[0][0]]
            for label, *_ in variants:
                rows.append(f"| {title} | {label} | {best[label]:.2f} "
                            f"| {sequential / best[label]:.1f}× |")
                print(rows[-1], flush=True)
    caption = (
        f"*{environment.machine_label()}; tạo bằng `python scripts/measure_bai10.py`; "
        "phương thức khởi động "
        f"{environment.default_start_method()}. Mỗi ô là lần nhanh nhất trong {args.rounds} "
        "vòng chạy xen kẽ, tính từ lúc khởi động tiến trình chạy bài (kể cả import numpy) đến "
        "khi nhận đủ kết quả; tăng tốc so với dòng «tuần tự» của cùng việc.*"
    )
    args.out.write_text("\n".join([*rows, "", caption, ""]), encoding="utf-8")


if __name__ == "__main__":
    main()

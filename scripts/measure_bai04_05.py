"""Measure the tables of lessons 4–5 (Pool in depth, executors, worker initialisation, start
methods) and write them to measurements/, where the lesson pages embed them.

    python scripts/measure_bai04_05.py [--rounds 3] [--numbers 50000] [--inputs 120]
                                       [--only chunksize|initializer|startup]

Every variant runs in a fresh runner process (timed like the speed checks: from process start
to full result), under each start method, in alternating rounds; tables keep the fastest run.
The variants below are top-level functions of this module, so spawn workers can import them.
"""

import argparse
import multiprocessing
import random
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "solutions"))

# The sequential and reference functions are called by name in runner processes.
from bai04_lo_nho import check_code, check_codes_sequential  # noqa: F401
from bai05_mo_hinh import build_model, predict, predict_parallel, predict_sequential  # noqa: F401

from tangtoc import environment, paths
from tangtoc.runner import call_or_raise

WORKERS = 2
OUT = paths.ROOT / "measurements"


# --- variants run in runner processes -------------------------------------------------------

def pool_imap(numbers: list[int], chunksize: int) -> list[int]:
    with Pool(WORKERS) as pool:
        return list(pool.imap(check_code, numbers, chunksize=chunksize))


def pool_map(numbers: list[int]) -> list[int]:
    with Pool(WORKERS) as pool:
        return pool.map(check_code, numbers)  # default chunksize: ⌈len / (4·workers)⌉


def executor_map(numbers: list[int], chunksize: int) -> list[int]:
    with ProcessPoolExecutor(WORKERS) as executor:
        return list(executor.map(check_code, numbers, chunksize=chunksize))


def predict_building_per_task(x: int, build_log: str) -> int:
    return predict(build_model(build_log), x)


def predict_per_task(inputs: list[int], build_log: str) -> list[int]:
    with Pool(WORKERS) as pool:
        return pool.starmap(predict_building_per_task, [(x, build_log) for x in inputs])


def empty_pool() -> int:
    with Pool(WORKERS) as pool:
        return sum(pool.map(abs, range(WORKERS)))


# --- measuring ------------------------------------------------------------------------------

def timed(function: str, args: tuple, method: str, module: str = "measure_bai04_05",
          folder: Path = paths.ROOT / "scripts") -> float:
    result = call_or_raise(folder, module, function, args, start_method=method, timeout=600)
    return result.seconds


def fastest(variants: dict[str, tuple], method: str, rounds: int) -> dict[str, float]:
    """variants: label -> (function, args); each round runs every variant once, in turn."""
    times: dict[str, list[float]] = {label: [] for label in variants}
    for _ in range(rounds):
        for label, (function, args) in variants.items():
            times[label].append(timed(function, args, method))
    return {label: min(samples) for label, samples in times.items()}


def caption(what: str, rounds: int) -> str:
    return (f"*{environment.machine_label()}; tạo bằng `python scripts/measure_bai04_05.py`"
            f": {what}, {WORKERS} tiến trình con. Mỗi ô là lần "
            f"nhanh nhất trong {rounds} vòng chạy xen kẽ, tính từ lúc khởi động tiến trình đến "
            "khi nhận đủ kết quả.*")


def write(name: str, header: list[str], rows: list[str], text: str) -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / name).write_text("\n".join([*header, *rows, "", text, ""]), encoding="utf-8")
    print(f"Đã ghi {OUT / name}", flush=True)


def chunksize_table(count: int, rounds: int, methods: list[str]) -> None:
    rng = random.Random(4)
    numbers = [rng.getrandbits(40) for _ in range(count)]
    good = -(-count // (4 * WORKERS))
    variants = {
        "tuần tự (`check_codes_sequential`)": ("check_codes_sequential", (numbers,)),
        "`Pool.imap`, chunksize=1 (mặc định)": ("pool_imap", (numbers, 1)),
        "`Pool.imap`, chunksize=10": ("pool_imap", (numbers, 10)),
        "`Pool.imap`, chunksize=100": ("pool_imap", (numbers, 100)),
        f"`Pool.imap`, chunksize={good}": ("pool_imap", (numbers, good)),
        f"`Pool.map`, chunksize tự chọn ({good})": ("pool_map", (numbers,)),
        "`ProcessPoolExecutor.map`, chunksize=1 (mặc định)": ("executor_map", (numbers, 1)),
        f"`ProcessPoolExecutor.map`, chunksize={good}": ("executor_map", (numbers, good)),
    }
    rows = []
    for method in methods:
        best = fastest(variants, method, rounds)
        sequential = next(iter(best.values()))
        for label, seconds in best.items():
            rows.append(f"| {method} | {label} | {seconds:.2f} | {sequential / seconds:.2f}× |")
            print(rows[-1], flush=True)
    write("bai04_chunksize.md",
          ["| Phương thức | Cách gọi | Thời gian (s) | So với tuần tự |", "|---|---|---:|---:|"],
          rows, caption(f"{count} số, mỗi số khoảng 20 µs (`check_code` của bài "
                        "`bai04_lo_nho`)", rounds))


def initializer_table(small: int, large: int, rounds: int, methods: list[str]) -> None:
    """Building per task is only timed on the small input: on the large one it takes minutes."""
    rng = random.Random(5)
    inputs = {size: [rng.getrandbits(32) for _ in range(size)] for size in (small, large)}
    labels = {
        "predict_sequential": "tuần tự, dựng 1 lần",
        "predict_per_task": "Pool, dựng lại trong mỗi việc",
        "predict_parallel": "Pool + initializer, dựng 1 lần mỗi tiến trình",
    }
    rows = []
    with tempfile.TemporaryDirectory() as log:
        for method in methods:
            variants = {(function, size): (function, (inputs[size], log))
                        for size in (small, large) for function in labels
                        if not (function == "predict_per_task" and size == large)}
            best = fastest(variants, method, rounds)
            for function, label in labels.items():
                cells = [f"{best[(function, size)]:.2f}" if (function, size) in best else "—"
                         for size in (small, large)]
                rows.append(f"| {method} | {label} | {' | '.join(cells)} |")
                print(rows[-1], flush=True)
    write("bai05_khoi_tao.md",
          [f"| Phương thức | Cách làm | {small} đầu vào (s) | {large:,} đầu vào (s) |"
           .replace(",", " "), "|---|---|---:|---:|"],
          rows, caption("bài `bai05_mo_hinh`, mỗi lần dự đoán khoảng 20 µs, mỗi lần dựng mô "
                        "hình khoảng 50 ms; «—»: không đo vì quá lâu", rounds))


def startup_table(rounds: int, methods: list[str]) -> None:
    rows = []
    for method in methods:
        best = fastest({"pool": ("empty_pool", ())}, method, rounds)["pool"]
        rows.append(f"| {method} | {best * 1000:.0f} |")
        print(rows[-1], flush=True)
    write("bai05_khoi_dong_pool.md",
          ["| Phương thức | Khởi động trình chạy + tạo, dùng và đóng `Pool(2)` (ms) |",
           "|---|---:|"],
          rows, caption("một Pool rỗng (hai việc `abs`)", rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--numbers", type=int, default=50_000)
    parser.add_argument("--inputs", type=int, default=120)
    parser.add_argument("--large-inputs", type=int, default=40_000)
    parser.add_argument("--only", choices=["chunksize", "initializer", "startup"])
    args = parser.parse_args()
    methods = multiprocessing.get_all_start_methods()
    if args.only in (None, "startup"):
        startup_table(max(args.rounds, 5), methods)
    if args.only in (None, "chunksize"):
        chunksize_table(args.numbers, args.rounds, methods)
    if args.only in (None, "initializer"):
        initializer_table(args.inputs, args.large_inputs, args.rounds, methods)


if __name__ == "__main__":
    main()

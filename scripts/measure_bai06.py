"""Measure lesson 6 (shared state, SharedMemory) and write the tables the pages embed.

    python scripts/measure_bai06.py [--rounds 5] [--out-dir measurements] [--only NAME ...]

Writes measurements/bai06_gui_mang.md (a big array sent to a worker by pickling vs shared
through SharedMemory), measurements/bai06_bo_dem.md (a Value counter without its lock, with a
lock per increment, with one locked update per process) and measurements/bai06_manager.md
(a Manager dict proxy vs a plain dict) and measurements/bai06_truyen_hay_chia_se.md (the
exercise's workload: sequential, the table pickled for every task, the table shared), under
fork and spawn. Each figure is the fastest of --rounds runs.
"""

import argparse
import importlib
import multiprocessing
import sys
import time
from multiprocessing import resource_tracker, shared_memory
from pathlib import Path

import numpy as np

from tangtoc import paths
from tangtoc.experiments import shm
from tangtoc.plots import machine_label

ARRAY_MB = (8, 64, 256)
PROCESSES, INCREMENTS = 4, 20_000
MAPPING_OPS = 20_000
TABLE_LENGTH, LOOKUPS, TASKS, WORKERS = 2_000_000, 200_000, 80, 2  # as the graded speed test


def fastest(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def send_by_pickling(pool, array: np.ndarray) -> None:
    pool.apply(shm.sum_received, (array,))


def send_shared(pool, array: np.ndarray) -> None:
    block = shared_memory.SharedMemory(create=True, size=array.nbytes)
    try:
        view = np.ndarray(array.shape, dtype=np.float64, buffer=block.buf)
        view[:] = array  # the one copy: into the shared block
        del view
        pool.apply(shm.sum_shared, (block.name, len(array)))
    finally:
        block.close()
        block.unlink()


def array_rows(rounds: int) -> list[str]:
    rows = []
    # The tracker must run before the worker forks, or the worker starts its own tracker when
    # it attaches, which "cleans up" (unlinks) our segments when the worker exits (Python < 3.13).
    resource_tracker.ensure_running()
    with multiprocessing.Pool(1) as pool:  # started once: start-up is not what we compare
        for megabytes in ARRAY_MB:
            array = np.random.default_rng(megabytes).random(megabytes * 2**20 // 8)
            pickled = fastest(rounds, lambda a=array: send_by_pickling(pool, a))
            shared = fastest(rounds, lambda a=array: send_shared(pool, a))
            rows.append(f"| {megabytes} MB | {pickled * 1000:.0f} | {shared * 1000:.0f} "
                        f"| {pickled / shared:.1f}× |")
            print(rows[-1], flush=True)
    return rows


def run_counter(target) -> tuple[int, float]:
    counter = multiprocessing.Value("i", 0)
    start_line = multiprocessing.Barrier(PROCESSES)
    workers = [multiprocessing.Process(target=target, args=(counter, start_line, INCREMENTS))
               for _ in range(PROCESSES)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return counter.value, time.perf_counter() - start


def counter_rows(rounds: int) -> list[str]:
    variants = {
        "`counter.value += 1`, không khóa": shm.add_racy,
        "`with counter.get_lock():` mỗi lần tăng": shm.add_locked,
        "cộng vào biến cục bộ, khóa một lần ở cuối": shm.add_local_then_once,
    }
    rows = []
    for label, target in variants.items():
        results = [run_counter(target) for _ in range(rounds)]
        values = sorted({value for value, _ in results})
        shown = ", ".join(f"{v:,}".replace(",", " ") for v in values)
        rows.append(f"| {label} | {shown} | {min(s for _, s in results) * 1000:.0f} |")
        print(rows[-1], flush=True)
    return rows


def manager_rows(rounds: int) -> list[str]:
    with multiprocessing.Manager() as manager:
        proxy = manager.dict()
        through_proxy = fastest(rounds, lambda: shm.fill_mapping(proxy, MAPPING_OPS))
    plain = fastest(rounds, lambda: shm.fill_mapping({}, MAPPING_OPS))
    return [f"| `dict` thường | {plain / MAPPING_OPS * 1e6:.2f} |",
            f"| `Manager().dict()` (proxy) | {through_proxy / MAPPING_OPS * 1e6:.1f} |"]


def exercise_rows(rounds: int) -> list[str]:
    # Imported by its plain name (children inherit sys.path), so spawned workers find it.
    sys.path.insert(0, str(paths.SOLUTIONS))
    exercise = importlib.import_module("bai06_truyen_hay_chia_se")
    rng = np.random.default_rng(6)
    table = rng.random(TABLE_LENGTH) * 100
    samples = [(int(rng.integers(TABLE_LENGTH)), int(rng.integers(1, TABLE_LENGTH)), LOOKUPS)
               for _ in range(TASKS)]
    sequential = fastest(rounds, lambda: exercise.means_sequential(table, samples))
    rows = []
    for method in ("fork", "spawn"):
        multiprocessing.set_start_method(method, force=True)
        by_argument = fastest(rounds, lambda: exercise.means_by_argument(table, samples, WORKERS))
        shared = fastest(rounds, lambda: exercise.means_shared(table, samples, WORKERS))
        rows.append(f"| {method} | {sequential:.2f} | {by_argument:.2f} | {shared:.2f} "
                    f"| {by_argument / shared:.1f}× | {sequential / shared:.1f}× |")
        print(rows[-1], flush=True)
    return rows


def write(path: Path, header: list[str], rows: list[str], how: str) -> None:
    caption = f"*{machine_label()}. {how}*"
    path.write_text("\n".join([*header, *rows, "", caption, ""]), encoding="utf-8")
    print(f"Đã ghi {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out-dir", type=Path, default=paths.ROOT / "measurements")
    parser.add_argument("--only", nargs="*", help="table names, e.g. bai06_truyen_hay_chia_se")
    args = parser.parse_args()
    method = multiprocessing.get_start_method()
    command = "Lệnh `python scripts/measure_bai06.py`"
    if not args.only or "bai06_truyen_hay_chia_se" in args.only:
        write(args.out_dir / "bai06_truyen_hay_chia_se.md",
              ["| Phương thức | Tuần tự (s) | Gửi bảng theo đối số (s) | Chia sẻ bảng (s) "
               "| Chia sẻ nhanh hơn gửi | Chia sẻ nhanh hơn tuần tự |",
               "|---|---:|---:|---:|---:|---:|"], exercise_rows(args.rounds),
              f"Lệnh `python scripts/measure_bai06.py --only bai06_truyen_hay_chia_se`: lời "
              f"giải tham khảo của bài tập, bảng {TABLE_LENGTH * 8 / 1e6:.0f} MB, {TASKS} việc "
              f"× {LOOKUPS // 1000} 000 lần tra, {WORKERS} tiến trình, tính cả khởi động Pool. "
              f"Lần nhanh nhất trong {args.rounds} lần.")
        multiprocessing.set_start_method(method, force=True)
    if args.only:
        return
    write(args.out_dir / "bai06_gui_mang.md",
          ["| Kích thước mảng | Gửi qua pickle (ms) | Qua SharedMemory (ms) | Nhanh hơn |",
           "|---:|---:|---:|---:|"], array_rows(args.rounds),
          f"{command}, phương thức {method}: một Pool(1) đã khởi động sẵn tính tổng mảng "
          f"float64; cột SharedMemory gồm cả tạo khối nhớ, chép mảng vào, gọi và unlink. "
          f"Lần nhanh nhất trong {args.rounds} lần.")
    write(args.out_dir / "bai06_bo_dem.md",
          ["| Cách tăng bộ đếm | Giá trị cuối (mong đợi 80 000) | Thời gian (ms) |",
           "|---|---|---:|"], counter_rows(args.rounds),
          f"{command}, phương thức {method}: {PROCESSES} tiến trình × {INCREMENTS} lần tăng, "
          f"xuất phát cùng lúc nhờ một Barrier. Cột giá trị liệt kê mọi kết quả khác nhau "
          f"của {args.rounds} lần chạy; thời gian là lần nhanh nhất, kể cả khởi động tiến trình.")
    write(args.out_dir / "bai06_manager.md",
          ["| Đích của `mapping[key] = key` | Mỗi thao tác (µs) |", "|---|---:|"],
          manager_rows(args.rounds),
          f"{command}: {MAPPING_OPS} phép gán từ tiến trình chính; lần nhanh nhất trong "
          f"{args.rounds} lần.")


if __name__ == "__main__":
    main()

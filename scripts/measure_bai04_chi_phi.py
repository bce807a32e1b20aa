"""Measure what a Pool costs besides the work (lesson 4's common mistakes): tiny tasks sent one
by one, the memory of an idle child process and thread, more processes than cores.

    python scripts/measure_bai04_chi_phi.py [--rounds 3] [--items 200000] [--out-dir DIR]
        [--tables viec_nho bo_nho thua_tien_trinh]

Writes measurements/bai04_viec_nho.md, bai04_bo_nho.md and bai04_thua_tien_trinh.md (or only
the tables named); the workers are in tangtoc/experiments/overhead.py.
"""

import argparse
import multiprocessing
from pathlib import Path

from tangtoc import environment, paths
from tangtoc.experiments import overhead

COMMAND = "`python scripts/measure_bai04_chi_phi.py`"
WORKERS = 2
TABLES = ["viec_nho", "bo_nho", "thua_tien_trinh"]


def spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def caption(text: str) -> str:
    return f"*{environment.machine_label()}; tạo bằng {COMMAND}: {text}*"


def write(path: Path, lines: list[str], text: str) -> None:
    path.write_text("\n".join([*lines, "", caption(text), ""]), encoding="utf-8")
    print("\n".join(lines), flush=True)


def tiny_tasks_table(items: int, rounds: int) -> list[str]:
    seconds = overhead.tiny_tasks(items, WORKERS, rounds)
    auto = -(-items // (4 * WORKERS))
    return ["| Cách gọi | `chunksize` | Thời gian |", "|---|---|---:|",
            f"| vòng lặp tuần tự `[f(x) for x in items]` | — | {seconds['sequential']:.3f} s |",
            f"| `pool.map(f, items)` | tự chọn ({spaced(auto)}) | {seconds['map']:.3f} s |",
            f"| `pool.imap_unordered(f, items)` | 1 (mặc định) "
            f"| {seconds['imap_unordered, 1']:.3f} s |",
            f"| `pool.imap_unordered(f, items, chunksize=10_000)` | 10 000 "
            f"| {seconds['imap_unordered, 10000']:.3f} s |"]


def memory_table() -> list[str]:
    rows = ["| Chạy không làm gì | RSS | Bộ nhớ riêng (private) |", "|---|---:|---:|",
            f"| một luồng (`threading.Thread`) | {overhead.idle_thread_kib():.0f} KiB | — |"]
    for method in multiprocessing.get_all_start_methods():
        rss, private = overhead.idle_child_memory(method)
        rows.append(f"| tiến trình con, `{method}` | {rss / 1024:.1f} MB "
                    f"| {private / 1024:.1f} MB |")
    return rows


def too_many_table(rounds: int, tasks: int, seconds: float) -> list[str]:
    rows = ["| Phương thức | `Pool(2)` | `Pool(100)` |", "|---|---:|---:|"]
    for method in multiprocessing.get_all_start_methods():
        best = overhead.too_many_processes(method, [WORKERS, 100], tasks, seconds, rounds)
        rows.append(f"| {method} | {best[WORKERS]:.2f} s | {best[100]:.2f} s |")
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=1.2)
    parser.add_argument("--out-dir", type=Path, default=paths.ROOT / "measurements")
    parser.add_argument("--tables", nargs="+", choices=TABLES, default=TABLES,
                        help="measure only these tables")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    if "viec_nho" in args.tables:
        write(args.out_dir / "bai04_viec_nho.md", tiny_tasks_table(args.items, args.rounds),
              f"`Pool({WORKERS})` đã khởi động sẵn, {spaced(args.items)} phần tử, `f` trả lại ngay "
              f"đối số của nó; lần nhanh nhất trong {args.rounds} lần.")
    if "bo_nho" in args.tables:
        write(args.out_dir / "bai04_bo_nho.md", memory_table(),
              "luồng: RSS của tiến trình tăng thêm khi 50 luồng đang chờ, chia cho 50; tiến trình "
              "con: `VmRSS` (gồm cả trang nhớ còn dùng chung với tiến trình cha) và "
              "`Private_Clean + Private_Dirty` trong /proc của một tiến trình con đang chờ.")
    if "thua_tien_trinh" in args.tables:
        write(args.out_dir / "bai04_thua_tien_trinh.md",
              too_many_table(args.rounds, args.tasks, args.seconds),
              f"cùng một việc Python thuần khoảng {f'{args.seconds:.1f}'.replace('.', ',')} s nếu "
              f"chạy tuần tự, chia thành {args.tasks} việc; tính cả khởi động và đóng Pool; lần "
              f"nhanh nhất trong {args.rounds} lần.")


if __name__ == "__main__":
    main()

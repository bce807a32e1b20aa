"""Measure what lesson 1 shows: the machine's CPUs and what starting a thread or a process
costs; and draw Amdahl's law from the reference calculator (bai01_amdahl).

    python scripts/measure_bai01.py [--repeat 30] [--out-dir measurements]

Writes measurements/bai01_khoi_dong.md (start-up table) and measurements/bai01_amdahl.md
(a mermaid line chart and a table), both labelled with date, CPU, cores and Python.
"""

import argparse
import multiprocessing
import os
import statistics
import threading
import time
from pathlib import Path

from tangtoc import environment, paths, reference

FRACTIONS = (0.5, 0.9, 0.95, 0.99)
WORKERS = (1, 2, 4, 8, 16, 32, 64, 128)


def do_nothing() -> None:
    """The task of every started thread or process: the timing is pure start-up cost."""


def start_and_join(kind: str) -> float:
    """Seconds to start one thread or process that does nothing and wait for it to end."""
    if kind == "thread":
        worker = threading.Thread(target=do_nothing)
    else:
        worker = multiprocessing.get_context(kind).Process(target=do_nothing)
    start = time.perf_counter()
    worker.start()
    worker.join()
    return time.perf_counter() - start


def physical_cores() -> int | None:
    """Distinct (package, core) pairs in /proc/cpuinfo: cores without SMT siblings."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return None
    pairs = set()
    for block in text.split("\n\n"):
        fields = dict(line.split(":", 1) for line in block.splitlines() if ":" in line)
        fields = {key.strip(): value.strip() for key, value in fields.items()}
        if "core id" in fields:
            pairs.add((fields.get("physical id"), fields["core id"]))
    return len(pairs) or None


def startup_table(repeat: int) -> str:
    kinds = ["thread", *multiprocessing.get_all_start_methods()]
    samples = {kind: [] for kind in kinds}
    for _ in range(repeat):  # alternate kinds so that a busy moment hits all of them alike
        for kind in kinds:
            samples[kind].append(start_and_join(kind))
    names = {"thread": "luồng (`threading.Thread`)"}
    rows = ["| Tạo rồi chờ kết thúc | Trung vị | Nhanh nhất |", "|---|---:|---:|"]
    for kind in kinds:
        name = names.get(kind, f"tiến trình, `{kind}`")
        rows.append(f"| {name} | {statistics.median(samples[kind]) * 1000:.2f} ms "
                    f"| {min(samples[kind]) * 1000:.2f} ms |")
    cores = physical_cores()
    machine = (f"Máy đo: {os.cpu_count()} CPU logic (`os.cpu_count()`)"
               + (f", {cores} lõi vật lý" if cores else "") + ".")
    caption = (f"*{machine} Mỗi dòng: {repeat} lần tạo một luồng/tiến trình không làm gì rồi "
               f"`join()`. {environment.machine_label()}; tạo bằng "
               "`python scripts/measure_bai01.py`.*")
    return "\n".join([*rows, "", caption, ""])


def amdahl_chart() -> str:
    amdahl = reference.load("bai01_amdahl")
    lines = ["```mermaid", "xychart-beta",
             '    title "Luật Amdahl: tăng tốc theo số worker"',
             f"    x-axis \"số worker N\" [{', '.join(map(str, WORKERS))}]",
             '    y-axis "tăng tốc S(N)" 0 --> 60']
    for p in FRACTIONS:
        values = ", ".join(f"{amdahl.amdahl_speedup(p, n):.2f}" for n in WORKERS)
        lines.append(f"    line [{values}]")
    lines.append("```")
    table = ["| p (phần song song) | " + " | ".join(f"N = {n}" for n in WORKERS)
             + " | giới hạn |", "|---|" + "---:|" * (len(WORKERS) + 1)]
    for p in FRACTIONS:
        cells = " | ".join(f"{amdahl.amdahl_speedup(p, n):.2f}×" for n in WORKERS)
        table.append(f"| {p:.2f} | {cells} | {amdahl.amdahl_limit(p):.0f}× |")
    legend = ("*Các đường từ dưới lên: p = " + "; ".join(f"{p:.2f}" for p in FRACTIONS)
              + ". Tính bằng lời giải tham khảo `solutions/bai01_amdahl.py`, qua "
              "`python scripts/measure_bai01.py` (công thức, không phải số đo).*")
    return "\n".join([*lines, "", legend, "", *table, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out-dir", type=Path, default=paths.ROOT / "measurements")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "bai01_amdahl.md").write_text(amdahl_chart(), encoding="utf-8")
    (args.out_dir / "bai01_khoi_dong.md").write_text(startup_table(args.repeat), encoding="utf-8")
    print(f"Đã ghi {args.out_dir}/bai01_amdahl.md và bai01_khoi_dong.md")


if __name__ == "__main__":
    main()

"""Lesson 1: what starting a thread or a process costs here (measurements/bai01_khoi_dong.md),
and Amdahl's law drawn from the reference calculator (measurements/bai01_amdahl.md: a formula,
the same on every machine, so `tangtoc measure` does not redo it)."""

import multiprocessing
import os
import statistics
import threading
import time
from pathlib import Path

from tangtoc import environment, reference
from tangtoc.measure.tables import Measured, Table

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


def startup_table(repeat: int, progress=None, command: str = "") -> Table:
    kinds = ["thread", *multiprocessing.get_all_start_methods()]
    samples = {kind: [] for kind in kinds}
    for _ in range(repeat):  # alternate kinds so that a busy moment hits all of them alike
        for kind in kinds:
            samples[kind].append(start_and_join(kind))
            if progress:
                progress(f"khởi động {kind}")
    names = {"thread": "luồng (`threading.Thread`)"}
    rows = [[names.get(kind, f"tiến trình, `{kind}`"),
             f"{statistics.median(samples[kind]) * 1000:.2f} ms",
             f"{min(samples[kind]) * 1000:.2f} ms"] for kind in kinds]
    cores = physical_cores()
    machine = (f"Máy đo: {os.cpu_count()} CPU logic (`os.cpu_count()`)"
               + (f", {cores} lõi vật lý" if cores else "") + ".")
    caption = (f"{machine} Mỗi dòng: {repeat} lần tạo một luồng/tiến trình không làm gì rồi "
               f"`join()`. {environment.machine_label()}; tạo bằng `{command}`.")
    return Table("bai01_khoi_dong", ["Tạo rồi chờ kết thúc", "Trung vị", "Nhanh nhất"], rows,
                 caption)


def steps(quick: bool) -> int:
    return _repeat(quick) * (1 + len(multiprocessing.get_all_start_methods()))


def _repeat(quick: bool) -> int:
    return 2 if quick else 30


def measure(quick: bool, progress=None, command: str = "tangtoc measure bai01") -> Measured:
    return Measured([startup_table(_repeat(quick), progress, command)])


def amdahl_chart(command: str = "python scripts/measure_bai01.py") -> str:
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
              f"`{command}` (công thức, không phải số đo).*")
    return "\n".join([*lines, "", legend, "", *table, ""])

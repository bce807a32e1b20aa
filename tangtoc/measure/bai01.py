"""Lesson 1: what starting a thread or a process costs here (measurements/bai01_khoi_dong.md),
and Amdahl's law drawn from the reference calculator (measurements/bai01_amdahl.md: a formula,
the same on every machine, so `tangtoc measure` does not redo it)."""

import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from tangtoc import environment, reference
from tangtoc.measure.tables import Measured, Table

TABLE = "bai01_khoi_dong"  # the measurements/ file it reproduces, `tangtoc measure bai01`

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


def kinds() -> list[str]:
    return ["thread", *multiprocessing.get_all_start_methods()]


def take_samples(repeat: int):
    """Yield (kind, seconds), alternating kinds so that a busy moment hits all of them alike."""
    for _ in range(repeat):
        for kind in kinds():
            yield kind, start_and_join(kind)


def samples_from_small_main(repeat: int, progress=None) -> dict[str, list[float]]:
    """Take the samples in a fresh `python -m` of this module. A spawn child re-imports the
    parent's main module: under `tangtoc measure` that is the whole CLI (hundreds of ms), which
    would not be the cost the lesson's table shows (measured from a small script)."""
    samples = {kind: [] for kind in kinds()}
    command = [sys.executable, "-m", __name__, str(repeat)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        for line in child.stdout:
            kind, seconds = line.split()
            samples[kind].append(float(seconds))
            if progress:
                progress(f"khởi động {kind}")
    if child.returncode:
        raise RuntimeError(f"phép đo khởi động dừng với mã {child.returncode}")
    return samples


def startup_table(repeat: int, progress=None, command: str = "", samples=None) -> Table:
    if samples is None:
        samples = {kind: [] for kind in kinds()}
        for kind, seconds in take_samples(repeat):
            samples[kind].append(seconds)
            if progress:
                progress(f"khởi động {kind}")
    names = {"thread": "luồng (`threading.Thread`)"}
    rows = [[names.get(kind, f"tiến trình, `{kind}`"),
             f"{statistics.median(samples[kind]) * 1000:.2f} ms",
             f"{min(samples[kind]) * 1000:.2f} ms"] for kind in samples]
    cores = physical_cores()
    machine = (f"Máy đo: {os.cpu_count()} CPU logic (`os.cpu_count()`)"
               + (f", {cores} lõi vật lý" if cores else "") + ".")
    caption = (f"{machine} Mỗi dòng: {repeat} lần tạo một luồng/tiến trình không làm gì rồi "
               f"`join()`. {environment.machine_label()}; tạo bằng `{command}`.")
    return Table(TABLE, ["Tạo rồi chờ kết thúc", "Trung vị", "Nhanh nhất"], rows,
                 caption)


def steps(quick: bool) -> int:
    return _repeat(quick) * (1 + len(multiprocessing.get_all_start_methods()))


def _repeat(quick: bool) -> int:
    return 2 if quick else 30


def measure(quick: bool, progress=None, command: str = "tangtoc measure bai01") -> Measured:
    repeat = _repeat(quick)
    samples = samples_from_small_main(repeat, progress)
    return Measured([startup_table(repeat, command=command, samples=samples)])


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


if __name__ == "__main__":  # the small main of samples_from_small_main
    for kind, seconds in take_samples(int(sys.argv[1])):
        print(kind, seconds, flush=True)

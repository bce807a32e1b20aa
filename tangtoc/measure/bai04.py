"""Lesson 4: the word count of bai04_dem_tu on 1, 2, 4 (and, on a bigger machine, as many as
its usable cores) processes under every start method, timed like the speed checks
(measurements/bai04_pool.md), and the speed-up curve with Amdahl's law fitted to it."""

import multiprocessing
import tempfile
from pathlib import Path

from tangtoc import environment, paths
from tangtoc.cores import usable_cores
from tangtoc.datasets import write_text_files
from tangtoc.measure.tables import Measured, Table
from tangtoc.runner import call_or_raise

TABLE = "bai04_pool"  # the measurements/ file it reproduces, `tangtoc measure bai04`

EXERCISE = "bai04_dem_tu"
WORKER_COUNTS = (1, 2, 4)
HEADER = ["Phương thức khởi động", "Số tiến trình", "Tuần tự (s)", "Song song (s)", "Tăng tốc",
          "Hiệu suất"]


def sizes(quick: bool) -> dict:
    if quick:
        return {"files": 6, "words": 300, "rounds": 1}
    return {"files": 300, "words": 20_000, "rounds": 3}


def worker_counts() -> list[int]:
    """1, 2, 4, and the usable cores when there are more: where Amdahl's curve bends."""
    return sorted({*WORKER_COUNTS, usable_cores()})


def steps(quick: bool) -> int:
    methods = len(multiprocessing.get_all_start_methods())
    return methods * sizes(quick)["rounds"] * (1 + len(worker_counts()))


def timed(target: Path, function: str, files: list[Path], start_method: str, **kwargs) -> float:
    result = call_or_raise(target, EXERCISE, function, (files,), kwargs,
                           start_method=start_method)
    return result.seconds


def measure(quick: bool, progress=None, command: str = "tangtoc measure bai04",
            target: Path | None = None, files: int | None = None, rounds: int | None = None,
            counts: list[int] | None = None) -> Measured:
    """The reference solution (or the exercise module in `target`) on generated files."""
    target = target or paths.SOLUTIONS
    size = sizes(quick)
    size.update({k: v for k, v in (("files", files), ("rounds", rounds)) if v is not None})
    counts = counts or worker_counts()
    rows, curves = [], []
    with tempfile.TemporaryDirectory() as folder:
        texts = write_text_files(Path(folder), size["files"], size["words"], seed=4)
        for method in multiprocessing.get_all_start_methods():
            times = {workers: [] for workers in (0, *counts)}  # 0 = sequential
            for _ in range(size["rounds"]):  # each round runs every variant once: runs alternate
                times[0].append(timed(target, "count_words_sequential", texts, method))
                if progress:
                    progress(f"{method}: tuần tự")
                for workers in counts:
                    times[workers].append(timed(target, "count_words_parallel", texts, method,
                                                workers=workers))
                    if progress:
                        progress(f"{method}: {workers} tiến trình")
            sequential = min(times[0])
            speedups = [sequential / min(times[workers]) for workers in counts]
            rows += [[method, str(workers), f"{sequential:.2f}", f"{min(times[workers]):.2f}",
                      f"{speedup:.2f}×", f"{speedup / workers:.0%}"]
                     for workers, speedup in zip(counts, speedups, strict=True)]
            curves.append((method, list(counts), speedups))
    words = f"{size['words']:,}".replace(",", " ")
    caption = (f"{environment.machine_label()}; tạo bằng `{command}`: {size['files']} tệp × "
               f"{words} từ. Mỗi ô là lần nhanh nhất trong {size['rounds']} vòng chạy xen kẽ "
               "bản tuần tự và các bản song song, tính từ lúc khởi động tiến trình đến khi nhận "
               "đủ kết quả.")
    table = Table(TABLE, HEADER, rows, caption, keys=2, align="|---|" + "---:|" * 5)
    return Measured([table], speedups=curves)

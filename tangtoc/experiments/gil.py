"""Lesson 2's GIL experiment: the same tasks run sequentially, on threads and on processes.

Two workloads: pure-Python arithmetic (holds the GIL the whole time) and SHA3-256 of large
buffers (hashlib releases the GIL while it hashes more than 2047 bytes), plus the same hashing
fed in 1 KiB pieces (too small to release the GIL). Used by scripts/measure_bai02.py and
docs/notebooks/gil_timelines.ipynb; every task function is top-level so processes can run it.
"""

import hashlib
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import cache

from tangtoc.timeline import TaskSpan, traced

BLOCK_BYTES = 8 * 2**20  # one hashlib update: far above the 2047-byte GIL threshold
SMALL_BYTES = 1024  # below it: the GIL stays held


def python_work(n: int) -> int:
    """Pure-Python arithmetic: the interpreter runs bytecode (and holds the GIL) throughout."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


@cache
def _block() -> bytes:
    return bytes(range(256)) * (BLOCK_BYTES // 256)


def hash_large(blocks: int) -> str:
    """SHA3-256 of `blocks` × 8 MiB, fed 8 MiB at a time: hashlib releases the GIL meanwhile."""
    digest = hashlib.sha3_256()
    for _ in range(blocks):
        digest.update(_block())
    return digest.hexdigest()


def hash_small(blocks: int) -> str:
    """The same number of bytes as hash_large, fed 1 KiB at a time: the GIL is never released."""
    digest = hashlib.sha3_256()
    piece = _block()[:SMALL_BYTES]
    for _ in range(blocks * (BLOCK_BYTES // SMALL_BYTES)):
        digest.update(piece)
    return digest.hexdigest()


WORKLOADS = {
    "python_work": (python_work, "Python thuần (giữ GIL)"),
    "hash_large": (hash_large, "hashlib, khối 8 MiB (nhả GIL)"),
    "hash_small": (hash_small, "hashlib, khối 1 KiB (giữ GIL)"),
}
MODES = ("tuần tự", "luồng", "tiến trình")


def run_tasks(mode: str, function, arguments: list, workers: int,
              start_method: str | None = None) -> tuple[float, list[TaskSpan]]:
    """Run function on every argument sequentially, on a thread pool or on a process pool;
    return the wall time (pool start-up included) and one TaskSpan per task."""
    start = time.perf_counter()
    if mode == "tuần tự":
        results = [traced(function, argument) for argument in arguments]
    elif mode == "luồng":
        with ThreadPoolExecutor(workers, thread_name_prefix="luồng") as pool:
            results = list(pool.map(traced, [function] * len(arguments), arguments))
    elif mode == "tiến trình":
        context = multiprocessing.get_context(start_method)
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            results = list(pool.map(traced, [function] * len(arguments), arguments))
    else:
        raise ValueError(f"unknown mode {mode!r}")
    seconds = time.perf_counter() - start
    return seconds, [span for _, span in results]


def calibrate(function, seconds: float) -> int:
    """The argument for which one call of function takes about `seconds`."""
    size = 1
    while True:
        start = time.perf_counter()
        function(size)
        took = time.perf_counter() - start
        if took >= seconds / 4:
            return max(1, round(size * seconds / took))
        size *= 4


def compare(workload: str, tasks: int = 8, workers: int = 4, task_seconds: float = 0.15,
            rounds: int = 3, progress=None) -> dict[str, tuple[float, list[TaskSpan]]]:
    """Best wall time (and that run's spans) for every mode, rounds alternating the modes;
    `progress(text)`, when given, is called after every run."""
    function = WORKLOADS[workload][0]
    size = calibrate(function, task_seconds)
    best: dict[str, tuple[float, list[TaskSpan]]] = {}
    for _ in range(rounds):
        for mode in MODES:
            seconds, spans = run_tasks(mode, function, [size] * tasks, workers)
            if mode not in best or seconds < best[mode][0]:
                best[mode] = (seconds, spans)
            if progress:
                progress(f"{WORKLOADS[workload][1]}: {mode}")
    return best


def report(best: dict[str, tuple[float, list[TaskSpan]]]) -> str:
    """One line per mode: best wall time and speed-up over sequential."""
    sequential = best["tuần tự"][0]
    return "\n".join(f"{mode:>11}: {seconds:5.2f} s  (tăng tốc {sequential / seconds:.2f}×)"
                     for mode, (seconds, _) in best.items())


def speedups_by_workers(workload: str, mode: str, worker_counts: list[int], tasks: int = 8,
                        task_seconds: float = 0.15, rounds: int = 3) -> dict[int, float]:
    """Speed-up over sequential for each worker count on threads or processes (`mode`), every
    round running every variant once so that a slow phase of the machine hits all alike."""
    function = WORKLOADS[workload][0]
    arguments = [calibrate(function, task_seconds)] * tasks
    sequential, parallel = [], {n: [] for n in worker_counts}
    for _ in range(rounds):
        sequential.append(run_tasks("tuần tự", function, arguments, 1)[0])
        for n in worker_counts:
            parallel[n].append(run_tasks(mode, function, arguments, n)[0])
    return {n: min(sequential) / min(times) for n, times in parallel.items()}


def by_mode(best: dict[str, tuple[float, list[TaskSpan]]]) -> dict[str, list[TaskSpan]]:
    """Each mode's spans shifted to start at 0, so the modes compare on one axis; as a mapping
    it is what `timeline.save_trace` takes (one trace process per mode)."""
    shifted = {}
    for mode, (_, mode_spans) in best.items():
        origin = min(span.start for span in mode_spans)
        shifted[mode] = [TaskSpan(span.worker, span.start - origin, span.end - origin,
                                  span.label) for span in mode_spans]
    return shifted


def aligned(best: dict[str, tuple[float, list[TaskSpan]]]) -> list[TaskSpan]:
    """All modes' spans on one axis: each mode shifted to start at 0, rows named by mode."""
    return [TaskSpan(f"{mode}: {span.worker}", span.start, span.end, span.label)
            for mode, spans in by_mode(best).items() for span in spans]

"""When each task started and stopped, and on which worker: the data of a timeline plot.

`traced(fn, *args)` runs one task and returns its result with a `TaskSpan`. It is a top-level
function, so a pool can run it in another process: `pool.starmap(traced, [(work, x) for x in
items])`. Times come from `time.perf_counter()`, which on Linux is CLOCK_MONOTONIC, one clock
for every process of the machine, so spans from different processes line up on one axis.
"""

import os
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class TaskSpan:
    worker: str  # "pid 1234" in a process's main thread, else the thread's name
    start: float  # time.perf_counter() seconds
    end: float
    label: str = ""

    @property
    def duration(self) -> float:
        return self.end - self.start


def current_worker() -> str:
    """Name of the worker running this code: the pid for a process, the name for a thread."""
    thread = threading.current_thread()
    if thread is threading.main_thread():
        return f"pid {os.getpid()}"
    return thread.name


def traced(fn, *args):
    """Run fn(*args); return (result, TaskSpan) with the worker and the start/end times."""
    start = time.perf_counter()
    result = fn(*args)
    end = time.perf_counter()
    label = getattr(fn, "__name__", "")
    return result, TaskSpan(current_worker(), start, end, label)

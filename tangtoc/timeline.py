"""When each task started and stopped, and on which worker: the data of a timeline plot.

`traced(fn, *args)` runs one task and returns its result with a `TaskSpan`. It is a top-level
function, so a pool can run it in another process: `pool.starmap(traced, [(work, x) for x in
items])`. Times come from `time.perf_counter()`, which on Linux is CLOCK_MONOTONIC, one clock
for every process of the machine, so spans from different processes line up on one axis.

`save_trace(path, spans)` writes them as Chrome/Perfetto trace-event JSON, so a student can
explore a run in a trace viewer (zoom, measure, one track per worker).
"""

import json
import os
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


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


# --- Chrome / Perfetto trace-event JSON -----------------------------------------------------
# The JSON Object Format of the Trace Event Format (the document Chrome's about:tracing and
# ui.perfetto.dev read): {"traceEvents": [...]}; a task is a complete event (ph "X") with ts
# and dur in microseconds on a (pid, tid) track; metadata events (ph "M") name the tracks.

def trace_events(spans: Iterable[TaskSpan] | Mapping[str, Iterable[TaskSpan]],
                 title: str = "tangtoc", note: str = "") -> dict:
    """The spans as a trace a viewer opens: one process per group (a mapping's keys, or one
    process named `title` for a plain list of spans), one thread track per worker in it,
    ordered by worker name as in `plots.timeline_figure`; times in µs from the first start."""
    groups = dict(spans) if isinstance(spans, Mapping) else {title: spans}
    groups = {name: list(group) for name, group in groups.items()}
    everything = [span for group in groups.values() for span in group]
    if not everything:
        raise ValueError("không có việc nào để xuất")
    origin = min(span.start for span in everything)
    events: list[dict] = []
    for pid, (name, group) in enumerate(groups.items(), start=1):
        events.append(_metadata("process_name", pid, 0, {"name": name}))
        events.append(_metadata("process_sort_index", pid, 0, {"sort_index": pid}))
        for tid, worker in enumerate(sorted({span.worker for span in group}), start=1):
            events.append(_metadata("thread_name", pid, tid, {"name": worker}))
            events.append(_metadata("thread_sort_index", pid, tid, {"sort_index": tid}))
            events += [{"name": span.label or "việc", "cat": "tangtoc", "ph": "X",
                        "ts": _microseconds(span.start - origin),
                        "dur": _microseconds(span.duration), "pid": pid, "tid": tid,
                        "args": {"worker": worker}}
                       for span in sorted(group, key=lambda s: s.start) if span.worker == worker]
    trace = {"traceEvents": events, "displayTimeUnit": "ms"}
    if note:
        trace["otherData"] = {"note": note}
    return trace


def save_trace(path: str | Path, spans: Iterable[TaskSpan] | Mapping[str, Iterable[TaskSpan]],
               title: str = "tangtoc", note: str = "") -> Path:
    """Write `trace_events(...)` to `path` (UTF-8 JSON); open it in https://ui.perfetto.dev
    ("Open trace file") or chrome://tracing ("Load")."""
    path = Path(path)
    text = json.dumps(trace_events(spans, title, note), ensure_ascii=False, indent=0)
    path.write_text(text, encoding="utf-8")
    return path


def _metadata(name: str, pid: int, tid: int, args: dict) -> dict:
    return {"name": name, "ph": "M", "pid": pid, "tid": tid, "args": args}


def _microseconds(seconds: float) -> float:
    return round(seconds * 1e6, 3)  # nanosecond resolution, as perf_counter gives

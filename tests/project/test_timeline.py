"""Timelines exported as Chrome/Perfetto trace-event JSON (tangtoc.timeline.save_trace), from
real runs on a process pool and a thread pool."""

import json

import pytest

from tangtoc.experiments import gil
from tangtoc.timeline import TaskSpan, save_trace, trace_events

REQUIRED = {"X": {"name", "cat", "ph", "ts", "dur", "pid", "tid"},
            "M": {"name", "ph", "pid", "tid", "args"}}


def assert_valid_trace(trace: dict) -> list[dict]:
    """The JSON Object Format: traceEvents of complete (X) and metadata (M) events, integer
    pid/tid, numeric non-negative ts/dur; return the complete events."""
    assert set(trace) <= {"traceEvents", "displayTimeUnit", "otherData"}
    assert trace["displayTimeUnit"] in ("ms", "ns")
    for event in trace["traceEvents"]:
        assert REQUIRED[event["ph"]] <= set(event), event
        assert isinstance(event["pid"], int) and isinstance(event["tid"], int)
        if event["ph"] == "X":
            assert isinstance(event["ts"], float | int) and event["ts"] >= 0
            assert isinstance(event["dur"], float | int) and event["dur"] >= 0
        else:
            assert event["name"] in ("process_name", "thread_name", "process_sort_index",
                                     "thread_sort_index")
    return [event for event in trace["traceEvents"] if event["ph"] == "X"]


def names(trace: dict, kind: str) -> dict[tuple[int, int], str]:
    return {(e["pid"], e["tid"]): e["args"]["name"] for e in trace["traceEvents"]
            if e["ph"] == "M" and e["name"] == kind}


@pytest.mark.parametrize("mode", ["tiến trình", "luồng"])
def test_a_real_pool_run_gives_one_track_per_worker_in_microseconds(tmp_path, mode):
    _, spans = gil.run_tasks(mode, gil.python_work, [20_000] * 6, workers=2)
    path = save_trace(tmp_path / "trace.json", spans, title=mode, note="máy thử")
    trace = json.loads(path.read_text(encoding="utf-8"))
    tasks = assert_valid_trace(trace)
    assert trace["otherData"] == {"note": "máy thử"}
    assert len(tasks) == 6
    workers = {span.worker for span in spans}
    threads = names(trace, "thread_name")
    assert sorted(threads.values()) == sorted(workers)  # one track per worker, no more
    assert len({(e["pid"], e["tid"]) for e in tasks}) == len(workers)
    assert names(trace, "process_name") == {(1, 0): mode}
    origin = min(span.start for span in spans)
    by_start = sorted(spans, key=lambda s: s.start)
    for event in tasks:  # every task on its own worker's track, in µs from the first start
        span = next(s for s in by_start
                    if abs((s.start - origin) * 1e6 - event["ts"]) < 0.01)
        assert threads[(event["pid"], event["tid"])] == span.worker
        assert event["dur"] == pytest.approx(span.duration * 1e6, abs=0.01)
        assert event["name"] == "python_work"
    assert min(event["ts"] for event in tasks) == 0


def test_groups_become_processes_and_share_one_time_axis():
    groups = {"tuần tự": [TaskSpan("pid 1", 10.0, 10.5, "a")],
              "luồng": [TaskSpan("luồng_0", 10.25, 11.0), TaskSpan("luồng_1", 10.25, 10.75)]}
    trace = trace_events(groups)
    tasks = assert_valid_trace(trace)
    assert names(trace, "process_name") == {(1, 0): "tuần tự", (2, 0): "luồng"}
    assert names(trace, "thread_name") == {(1, 1): "pid 1", (2, 1): "luồng_0", (2, 2): "luồng_1"}
    assert [(e["pid"], e["tid"], e["ts"], e["dur"], e["name"]) for e in tasks] == [
        (1, 1, 0.0, 500_000.0, "a"), (2, 1, 250_000.0, 750_000.0, "việc"),
        (2, 2, 250_000.0, 500_000.0, "việc")]


def test_no_spans_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="không có việc"):
        trace_events([])


def test_the_gil_experiment_exports_one_process_per_mode(tmp_path):
    best = gil.compare("python_work", tasks=4, workers=2, task_seconds=0.005, rounds=1)
    trace = json.loads(save_trace(tmp_path / "gil.json", gil.by_mode(best)).read_text("utf-8"))
    tasks = assert_valid_trace(trace)
    assert list(names(trace, "process_name").values()) == list(gil.MODES)
    for pid, mode in enumerate(gil.MODES, start=1):  # every mode starts at 0 on the axis
        assert min(e["ts"] for e in tasks if e["pid"] == pid) == 0
        workers = {span.worker for span in best[mode][1]}
        assert len({e["tid"] for e in tasks if e["pid"] == pid}) == len(workers)
    assert len(gil.aligned(best)) == len(tasks) == 4 * len(gil.MODES)

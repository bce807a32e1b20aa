"""Graded-test helper: did the work run where the statement asks (worker processes, worker
threads), or in the calling process's main thread?

Processes: the judge reads, when the reply arrives, the CPU of the processes the call started
(its workers, a fork server, the children it reaped) apart from the runner's own
(tangtoc.runner.CallResult.started_cpu_seconds, from /proc): code that computes everything
in the calling process leaves it near zero, whatever its output. Where starting the pool
itself costs much CPU on both sides (a Dask cluster), two calls are compared: the CPU that a
bigger input adds shows where the work runs.

Threads: a pool's threads have ended (their CPU folded into the runner's) by the time the reply
arrives, so the judge samples, while the call runs, the CPU of each thread of the runner
(ThreadWatch, tangtoc.cpu_usage.thread_cpu): code that runs everything in the main thread, or
sends it to processes, leaves the other threads near zero."""

import os
import threading

import pytest

from tangtoc import cpu_usage

WORKER_SHARE = 0.3  # of the call's whole CPU: a pool doing the work is far above, a
# sequential call near 0 (startup of a pool that does nothing is a few hundredths of a second)
THREAD_SHARE = 0.5  # of the runner's CPU, in threads other than the main one: a thread pool
# doing the work is far above (the main thread only starts the runner and waits), a
# sequential call or a process pool near 0


def _skip_without_proc() -> None:
    pytest.skip("Hệ điều hành này không cho biết CPU của từng tiến trình (cần /proc của "
                "Linux): không kiểm tra được việc chạy ở đâu.")


def _started_share(result) -> float | None:
    if result is None or result.started_cpu_seconds is None or not result.tree_cpu_seconds:
        return None
    return result.started_cpu_seconds / result.tree_cpu_seconds


def assert_work_in_workers(exercise, mistake: str) -> None:
    """The exercise's last call did at least WORKER_SHARE of its CPU work in processes it
    started; otherwise fail with `mistake` (Vietnamese: what was done instead, and the fix)."""
    result = exercise.last_result
    share = _started_share(result)
    if share is None:
        _skip_without_proc()
    assert share >= WORKER_SHARE, (
        f"Trong {result.tree_cpu_seconds:.2f} s CPU của lần chạy, các tiến trình con chỉ "
        f"dùng {result.started_cpu_seconds:.2f} s ({share:.0%}): gần như mọi phép tính chạy "
        f"trong tiến trình chính. {mistake}"
    )


def assert_extra_work_in_workers(small, big, mistake: str) -> None:
    """For an engine whose own start-up keeps both the runner and the processes it starts
    busy whatever the input (a Dask cluster: scheduler and client in the runner, workers
    importing dask): of the CPU that a bigger input added between two calls (`small`, `big`:
    CallResults), at least WORKER_SHARE went to the processes the call started; otherwise
    fail with `mistake`."""
    if _started_share(small) is None or _started_share(big) is None:
        _skip_without_proc()
    extra = big.tree_cpu_seconds - small.tree_cpu_seconds
    extra_started = big.started_cpu_seconds - small.started_cpu_seconds
    share = extra_started / extra if extra > 0 else 0.0
    assert share >= WORKER_SHARE, (
        f"Dữ liệu lớn hơn cần thêm {extra:.2f} s CPU, nhưng các tiến trình con chỉ dùng thêm "
        f"{max(0.0, extra_started):.2f} s ({max(0.0, share):.0%}): gần như mọi phép tính chạy "
        f"trong tiến trình chính. {mistake}"
    )


class ThreadWatch:
    """`with ThreadWatch() as watch: exercise.f(...)`: from the judge, samples every
    POLL_SECONDS the CPU of each thread of the runner the call starts (the runner process
    found below this one, tangtoc.cpu_usage.tree_cpu), keeping each thread's last figure."""

    POLL_SECONDS = 0.005

    def __init__(self):
        self.seconds: dict[int, float] = {}  # thread id -> CPU seconds, last seen
        self.runner: int | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> "ThreadWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._done.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._done.wait(self.POLL_SECONDS):
            if self.runner is None:
                tree = cpu_usage.tree_cpu(os.getpid())
                self.runner = tree.runner if tree else None
            if self.runner is not None:
                self.seconds.update(cpu_usage.thread_cpu(self.runner))

    @property
    def main_seconds(self) -> float:
        return self.seconds.get(self.runner, 0.0)

    @property
    def other_seconds(self) -> float:
        return sum(seconds for tid, seconds in self.seconds.items() if tid != self.runner)


def assert_work_in_threads(watch: ThreadWatch, exercise, mistake: str) -> None:
    """The call watched by `watch` did at least THREAD_SHARE of the runner's CPU in threads
    other than the main one; otherwise fail saying where the work ran instead (the main
    thread, or worker processes), and `mistake` (Vietnamese: the fix)."""
    total = watch.main_seconds + watch.other_seconds
    if not total:
        _skip_without_proc()
    share = watch.other_seconds / total
    result = exercise.last_result
    started = _started_share(result)
    if started is not None and started >= WORKER_SHARE:
        where = (f"Trong lần chạy, các tiến trình con dùng {result.started_cpu_seconds:.2f} s "
                 f"CPU, còn các luồng (thread) ngoài luồng chính chỉ dùng "
                 f"{watch.other_seconds:.2f} s: phần việc "
                 "chạy trong các tiến trình con (ProcessPoolExecutor, Pool, Process), không phải "
                 "trong các luồng")
    else:
        where = (f"Trong {total:.2f} s CPU của tiến trình chạy bài, các luồng (thread) ngoài "
                 f"luồng chính chỉ dùng {watch.other_seconds:.2f} s ({share:.0%}): gần như mọi "
                 "phép tính chạy tuần tự trong luồng chính")
    assert share >= THREAD_SHARE, f"{where}. {mistake}"

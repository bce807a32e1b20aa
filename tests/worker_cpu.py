"""Graded-test helper: did the work run in worker processes, or in the calling process?
The judge reads, when the reply arrives, the CPU of the processes the call started (its
workers, a fork server, the children it reaped) apart from the runner's own
(tangtoc.runner.CallResult.started_cpu_seconds, from /proc): code that computes everything
in the calling process leaves it near zero, whatever its output."""

import pytest

WORKER_SHARE = 0.3  # of the call's whole CPU: a pool doing the work is far above, a
# sequential call near 0 (startup of a pool that does nothing is a few hundredths of a second)


def assert_work_in_workers(exercise, mistake: str) -> None:
    """The exercise's last call did at least WORKER_SHARE of its CPU work in processes it
    started; otherwise fail with `mistake` (Vietnamese: what was done instead, and the fix)."""
    result = exercise.last_result
    if result.started_cpu_seconds is None or not result.tree_cpu_seconds:
        pytest.skip("Hệ điều hành này không cho biết CPU của từng tiến trình (cần /proc của "
                    "Linux): không kiểm tra được việc chạy ở đâu.")
    share = result.started_cpu_seconds / result.tree_cpu_seconds
    assert share >= WORKER_SHARE, (
        f"Trong {result.tree_cpu_seconds:.2f} s CPU của lần chạy, các tiến trình con chỉ "
        f"dùng {result.started_cpu_seconds:.2f} s ({share:.0%}): gần như mọi phép tính chạy "
        f"trong tiến trình chính. {mistake}"
    )

"""Functions with known durations, for checking a student's timing helper (bai01_do_thoi_gian).

They run in the runner process, a fresh interpreter per call, so module state starts anew."""

import time

_calls = 0


def slow_first_call(first_seconds: float, later_seconds: float) -> int:
    """Sleep first_seconds on the first call in this process, later_seconds afterwards (a cold
    start, like a cache warming up); return how many calls came before this one."""
    global _calls
    time.sleep(first_seconds if _calls == 0 else later_seconds)
    _calls += 1
    return _calls - 1

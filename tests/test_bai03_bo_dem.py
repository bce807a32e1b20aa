"""Graded tests of bai03_bo_dem: a shared counter fixed with a Lock. The given driver starts all
threads together, switches threads every microsecond, and the given increment has a window
between read and write, so the
unfixed counter loses updates on every run (tests/test_bai03_race.py proves it)."""

import pytest

EXERCISE = "bai03_bo_dem"


@pytest.mark.parametrize(("threads", "increments"), [(8, 20_000), (16, 10_000), (4, 40_000)])
def test_no_update_is_lost(exercise, threads, increments):
    value = exercise.count_concurrently(threads, increments)
    assert value == threads * increments, (
        f"{threads} luồng × {increments} lần tăng phải ra {threads * increments}, bộ đếm chỉ "
        f"được {value}: có lần tăng bị mất vì hai luồng cùng đọc một giá trị. Hãy giữ một "
        "threading.Lock trong suốt ba bước đọc, pause(), ghi."
    )

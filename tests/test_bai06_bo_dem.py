"""Graded tests of bai06_bo_dem: a Value counter shared by several processes, made exact."""

import pytest

EXERCISE = "bai06_bo_dem"
LOST_UPDATES = ("các lần tăng bị mất vì `counter.value += 1` không nguyên tử (atomic): hai tiến "
                "trình đọc cùng một giá trị rồi cùng ghi. Hãy tăng bộ đếm bên trong "
                "`with counter.get_lock():`.")


def test_counter_is_exact_every_time(exercise, each_start_method):
    for attempt in range(3):
        total = exercise.count_together(4, 20_000)
        assert total == 80_000, (
            f"Lần chạy {attempt + 1} ({each_start_method}): bộ đếm ra {total}, mong đợi 80000; "
            + LOST_UPDATES
        )


@pytest.mark.parametrize(("processes", "increments"), [(2, 30_000), (6, 10_000)])
def test_other_sizes(exercise, processes, increments):
    for _ in range(3):  # on a busy machine one run may happen not to lose an update
        total = exercise.count_together(processes, increments)
        assert total == processes * increments, (
            f"{processes} tiến trình × {increments} lần tăng: bộ đếm ra {total}, mong đợi "
            f"{processes * increments}; " + LOST_UPDATES
        )

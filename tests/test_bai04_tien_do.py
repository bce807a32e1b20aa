"""Graded tests of bai04_tien_do: imap_unordered with a progress report."""

import random

import pytest

from tangtoc import reference

EXERCISE = "bai04_tien_do"


def expected(tasks):
    module = reference.load(EXERCISE)
    lines = [module.progress_line(done, len(tasks)) for done in range(1, len(tasks) + 1)]
    return module.process_sequential(tasks), lines


@pytest.fixture
def tasks():
    return random.Random(45).sample(range(1, 10_000), 40)


def test_results_complete_and_correct(exercise, tasks, each_start_method):
    results, _ = exercise.process_with_progress(tasks, 2)
    assert isinstance(results, dict), "results phải là một dict {mã việc: kết quả}."
    wanted, _ = expected(tasks)
    missing = sorted(set(wanted) - set(results))
    assert not missing, f"Thiếu kết quả của {len(missing)} việc, ví dụ mã {missing[:3]}."
    assert results == wanted, (
        f"Kết quả khác với bản tuần tự (phương thức khởi động {each_start_method})."
    )


def test_progress_lines_count_up_to_the_total(exercise, tasks):
    _, lines = exercise.process_with_progress(tasks, 2)
    _, wanted = expected(tasks)
    assert isinstance(lines, list) and len(lines) == len(wanted), (
        f"Cần đúng {len(wanted)} dòng tiến độ (mỗi việc xong một dòng), nhận được "
        f"{len(lines) if isinstance(lines, list) else type(lines).__name__}."
    )
    assert lines == wanted, (
        "Dòng tiến độ thứ k phải là progress_line(k, len(tasks)): đếm số việc đã xong, "
        "không dùng vị trí của việc trong danh sách đầu vào."
    )


def test_empty_input(exercise):
    assert tuple(exercise.process_with_progress([], 2)) == ({}, []), (
        "Danh sách việc rỗng phải cho ({}, [])."
    )


def test_more_workers_than_tasks(exercise, tasks):
    results, lines = exercise.process_with_progress(tasks[:3], 8)
    assert (results, lines) == expected(tasks[:3]), (
        "Sai kết quả khi số tiến trình (8) lớn hơn số việc (3)."
    )

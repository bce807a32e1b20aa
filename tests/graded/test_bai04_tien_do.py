"""Graded tests of bai04_tien_do: imap_unordered with a progress report.

Beyond the lines returned, the judge notes when each line printed on stderr reached it: the
lines must be printed as the tasks finish, spread over the run, not all at the end."""

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


# About 0.6 s of work on 2 cores: long enough for the judge to see when lines arrive.
TIMED_TASKS = 1_200
BURST_TIME_SHARE = 0.1  # of the call so far: the window, whatever the machine's speed
BURST_SHARE = 0.5  # no such window may bring half of the lines: that is a jump, not progress


def largest_burst(times: list[float], window: float) -> int:
    """Most lines that reached the judge within any `window` seconds."""
    largest, first = 0, 0
    for last, arrived in enumerate(times):
        while arrived - times[first] > window:
            first += 1
        largest = max(largest, last - first + 1)
    return largest


def test_progress_is_printed_while_the_tasks_run(exercise):
    tasks = random.Random(46).sample(range(1, 100_000), TIMED_TASKS)
    stamped = exercise.configured(stamp_stderr=True)
    results, lines = stamped.process_with_progress(tasks, 2)
    wanted_results, wanted = expected(tasks)
    assert (results, lines) == (wanted_results, wanted), (
        f"Sai kết quả hoặc dòng tiến độ với {TIMED_TASKS} việc."
    )
    printed = [(seconds, line) for seconds, line in stamped.last_result.stderr_lines
               if line in set(wanted)]
    assert [line for _, line in printed] == wanted, (
        f"Cần in ra sys.stderr đủ {len(wanted)} dòng tiến độ, theo thứ tự, mỗi việc xong một "
        f"dòng; bộ chấm chỉ thấy {len(printed)} dòng như thế. In bằng "
        "print(dòng, file=sys.stderr) ngay khi nhận được kết quả."
    )
    times = [seconds for seconds, _ in printed]
    window = max(0.02, BURST_TIME_SHARE * times[-1])
    burst = largest_burst(times, window)
    assert burst < BURST_SHARE * len(times), (
        f"{burst} trong {len(times)} dòng tiến độ đến bộ chấm trong cùng {window:.2f} giây "
        f"(dòng đầu lúc {times[0]:.2f} s, dòng cuối lúc {times[-1]:.2f} s kể từ khi gọi hàm): "
        "tiến độ nhảy một lần thay vì tăng dần trong lúc các việc chạy. Có lẽ các dòng chỉ được "
        "in khi mọi việc đã xong (ví dụ in sau pool.map), hoặc kết quả về thành vài lô quá lớn "
        "(chunksize quá lớn). Hãy duyệt pool.imap_unordered(...) với chunksize nhỏ và in mỗi "
        "dòng ngay khi nhận một kết quả."
    )

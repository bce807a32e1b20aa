"""Graded tests of bai08_hang_doi: drain the queue before joining the producer."""

from script_workers import assert_work_in_child_processes

EXERCISE = "bai08_hang_doi"
TIMEOUT = 10


def test_finishes_under_spawn_like_the_reference(script):
    script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)  # one run for both tests


def test_the_records_are_still_made_in_a_child_process(script):
    run = script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)
    assert_work_in_child_processes(
        run, "việc tạo bản ghi",
        "Hãy giữ tiến trình con produce và sửa thứ tự: lấy hết bản ghi ra khỏi Queue "
        "(queue.get()) rồi mới join() tiến trình con.")

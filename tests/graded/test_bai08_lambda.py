"""Graded tests of bai08_lambda: the function given to the executor must be picklable."""

from script_workers import assert_work_in_child_processes

EXERCISE = "bai08_lambda"
TIMEOUT = 10


def test_runs_under_spawn_like_the_reference(script):
    script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)  # one run for both tests


def test_runs_under_forkserver_too(script):
    script.assert_runs_like_reference(timeout=TIMEOUT, start_method="forkserver")


def test_the_prices_are_still_computed_in_child_processes(script):
    run = script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)
    assert_work_in_child_processes(
        run, "phép tính giá sau thuế",
        "Đổi executor.map thành map chỉ là để xem kết quả mong đợi. Hãy giữ "
        "ProcessPoolExecutor và giao cho nó một hàm ở cấp cao nhất của tệp (thuế suất gửi kèm "
        "bằng functools.partial hoặc một đối số nữa của map) thay cho lambda.")

"""Graded-test helper for script exercises: did the program keep its work in child processes?
The judge sees the processes a program starts in /proc while it runs
(tangtoc.script_run.ScriptRun.workers, spawn children): a "fix" that simply does the work in
the main process prints the same lines and starts none."""


def assert_work_in_child_processes(run, work: str, mistake: str) -> None:
    """`run` (watched, under spawn) started at least one worker process; otherwise fail saying
    that `work` (Vietnamese, e.g. "việc tạo bản ghi") ran in the main process, and `mistake`."""
    assert run.workers, (
        f"Chương trình in đúng kết quả nhưng không tạo tiến trình con nào: {work} đã chạy ngay "
        f"trong tiến trình chính, nên bài sửa đã bỏ mất điều bài học muốn giữ. {mistake}"
    )

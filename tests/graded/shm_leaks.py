"""Graded-test helper: call an exercise and fail if it left a shared-memory segment behind."""

import contextlib

from tangtoc import shm_check


@contextlib.contextmanager
def no_leaked_segments(exercise):
    """Around calls through a RemoteExercise: the runner and its processes have exited when a
    call returns, so a segment still in /dev/shm (or cleaned up only by the resource tracker,
    which warns on the runner's stderr) was leaked by the submission. In the grader's sandbox
    the call has a /dev/shm of its own, which the judge reads when the reply arrives."""
    with shm_check.watch() as leaked:
        yield
    if exercise.last_result and exercise.last_result.sandbox_segments:
        leaked |= exercise.last_result.sandbox_segments
    assert not leaked, (
        f"Bài để lại {len(leaked)} khối bộ nhớ chia sẻ (shared memory) chưa được unlink: "
        f"{', '.join(sorted(leaked))}. Tiến trình tạo khối nhớ phải gọi close() rồi unlink() "
        "trong khối finally, kể cả khi có lỗi."
    )
    stderr = exercise.last_result.stderr if exercise.last_result else ""
    assert shm_check.LEAK_WARNING not in stderr, (
        "Trình theo dõi tài nguyên (resource tracker) phải tự dọn bộ nhớ chia sẻ mà bài quên "
        "unlink() (nó báo «leaked shared_memory objects»). Hãy gọi unlink() trong finally."
    )

"""Graded-test helper: did the data go to the workers through shared memory (or not at all),
or through pickle and pipes? The judge measures the bytes the call passed to write() (every
process of the call, workers included: tangtoc.runner.CallResult.bytes_written). Under
spawn, everything a worker receives is pickled and written to a pipe, so a call that shares
its data writes a few kilobytes, and one that sends it writes at least its size."""

import contextlib
import multiprocessing

import pytest

SENT_SHARE = 0.25  # of the data's size: far above what sharing writes, far below one copy


@contextlib.contextmanager
def under_spawn():
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        yield
    finally:
        multiprocessing.set_start_method(previous, force=True)


def assert_not_sent(exercise, data_bytes: int, data: str, mistake: str) -> None:
    """The exercise's last call wrote less than SENT_SHARE of `data` (Vietnamese, e.g. "bảng");
    otherwise fail with `mistake`, what that means and how to fix it."""
    written = exercise.last_result.bytes_written
    if written is None:
        pytest.skip("Hệ điều hành này không cho biết số byte một tiến trình đã ghi (cần /proc "
                    "của Linux): không kiểm tra được dữ liệu đi đường nào.")
    assert written < SENT_SHARE * data_bytes, (
        f"Trong lúc chạy, bài đã ghi {written / 2**20:.1f} MiB vào các ống (pipe) và hàng đợi "
        f"giữa các tiến trình, trong khi cả {data} chỉ có {data_bytes / 2**20:.1f} MiB: "
        f"{mistake}"
    )

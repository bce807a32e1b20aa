"""Graded tests of bai06_nhan_doi_shm: double a big array in place in one SharedMemory block."""

import numpy as np
import pytest
from sent_bytes import assert_not_sent, under_spawn
from shm_leaks import no_leaked_segments

from tangtoc import reference
from tangtoc.cores import usable_cores

EXERCISE = "bai06_nhan_doi_shm"


def expected(data: np.ndarray) -> np.ndarray:
    return reference.load(EXERCISE).double_sequential(data)


def random_array(size: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).random(size) * 1000 - 500


def test_matches_sequential_result(exercise, each_start_method):
    data = random_array(200_003, seed=6)
    with no_leaked_segments(exercise):
        doubled = exercise.double_shared(data, 4)
    assert isinstance(doubled, np.ndarray), "Kết quả phải là một mảng numpy."
    assert np.array_equal(doubled, expected(data)), (
        f"Kết quả khác với bản tuần tự (phương thức khởi động {each_start_method})."
    )


@pytest.mark.parametrize("size", [0, 1, 3])
def test_tiny_arrays_and_more_workers_than_elements(exercise, size):
    data = random_array(size, seed=size)
    with no_leaked_segments(exercise):
        doubled = exercise.double_shared(data, 4)
    assert np.array_equal(doubled, expected(data)), (
        f"Sai kết quả với mảng {size} phần tử và 4 tiến trình (mảng rỗng phải cho mảng rỗng)."
    )


@pytest.mark.parametrize("where", [0.1, 0.9])
def test_worker_error_reaches_the_caller_and_nothing_leaks(exercise, where):
    data = random_array(100_000, seed=7)
    data[int(where * len(data))] = np.nan
    with no_leaked_segments(exercise), pytest.raises(ValueError, match="NaN"):
        exercise.double_shared(data, 4)


def test_the_array_stays_in_one_shared_block(exercise):
    data = random_array(1_000_000, seed=8)  # 8 MB
    with under_spawn(), no_leaked_segments(exercise):
        doubled = exercise.double_shared(data, 2)
    assert np.array_equal(doubled, expected(data)), "Kết quả khác với bản tuần tự."
    assert_not_sent(exercise, data.nbytes, "mảng", (
        "các lát của mảng đã được pickle rồi gửi qua lại giữa các tiến trình thay vì nằm trong "
        "một khối bộ nhớ chia sẻ. Hãy chép mảng một lần vào một SharedMemory; mỗi tiến trình "
        "con chỉ nhận tên khối và hai chỉ số (start, stop), gắn vào khối theo tên rồi sửa lát "
        "của mình tại chỗ."))


@pytest.mark.speed
def test_faster_on_several_cores(speed_check):
    speed_check(candidate="double_shared", baseline="double_sequential",
                workload=lambda size, seed: (random_array(size, seed),),
                workers=min(usable_cores(), 4), initial_size=200_000, same_result=np.array_equal,
                target_seconds=3.0)  # starting workers (each imports numpy) takes ~0.4 s

"""Graded tests of bai07_day_chuyen_anh: a batched image-preprocessing pipeline over queues."""

import pytest
from sent_bytes import assert_not_sent, under_spawn

from tangtoc import reference
from tangtoc.cores import usable_cores

EXERCISE = "bai07_day_chuyen_anh"
CALL_TIMEOUT = 60.0
# Each spawned worker imports numpy (about 0.1-0.3 s): a longer baseline keeps that fixed
# start-up cost from hiding the speed-up of the pipeline itself.
SPEED_TARGET_SECONDS = 2.5
HANG_HINT = (
    "Nguyên nhân thường gặp: thiếu tín hiệu dừng (cần một STOP cho MỖI tiến trình con, sau lô cuối "
    "cùng), chờ số kết quả nhiều hơn số lô, hoặc join() các tiến trình con trước khi lấy hết kết "
    "quả."
)


def preprocess(exercise, n_images, seed, workers, batch_size):
    """Call the submission; on a hang the failure says where to look."""
    return exercise.configured(CALL_TIMEOUT, HANG_HINT).preprocess_parallel(
        n_images, seed, workers, batch_size)


def check_like_sequential(got, n_images, seed, situation):
    wanted = reference.load(EXERCISE).preprocess_sequential(n_images, seed)
    assert isinstance(got, list), f"Kết quả phải là một list, nhận {type(got).__name__}."
    assert len(got) == len(wanted), (
        f"Cần {len(wanted)} kết quả (mỗi ảnh một), nhận {len(got)} ({situation})."
    )
    assert [r[0] if isinstance(r, tuple) else r for r in got] == list(range(n_images)), (
        f"Kết quả phải theo thứ tự ảnh 0, 1, 2, … và mỗi ảnh đúng một lần ({situation})."
    )
    assert got == wanted, f"Kết quả khác với bản tuần tự trên cùng dữ liệu ({situation})."


def test_matches_sequential_result(exercise, each_start_method):
    got = preprocess(exercise, 40, 2024, 2, 8)
    check_like_sequential(got, 40, 2024, f"phương thức khởi động {each_start_method}")


@pytest.mark.parametrize(("n_images", "workers", "batch_size"),
                         [(25, 3, 4), (10, 2, 1), (7, 2, 50), (33, 1, 5)])
def test_other_sizes(exercise, n_images, workers, batch_size):
    got = preprocess(exercise, n_images, n_images, workers, batch_size)
    check_like_sequential(got, n_images, n_images,
                          f"{n_images} ảnh, {workers} tiến trình, lô {batch_size} ảnh")


def test_no_image(exercise):
    assert preprocess(exercise, 0, 1, 2, 16) == [], "Không có ảnh nào thì kết quả là []."


def test_only_batch_bounds_travel_through_the_queues(exercise):
    n_images, pipeline = 40, exercise.configured(CALL_TIMEOUT, HANG_HINT)
    with under_spawn():
        got = pipeline.preprocess_parallel(n_images, 5, 2, 8)
    check_like_sequential(got, n_images, 5, "40 ảnh, 2 tiến trình, lô 8 ảnh")
    assert_not_sent(pipeline, n_images * reference.load(EXERCISE).SIDE ** 2 * 3,
                    f"điểm ảnh của {n_images} ảnh", (
        "điểm ảnh đã đi qua hàng đợi (pickle). Đề bài chỉ cho gửi mô tả lô (start, stop): mỗi "
        "tiến trình con tự đọc ảnh của lô bằng process_range và chỉ gửi lại các kết quả nhỏ "
        "của preprocess."))


@pytest.mark.speed
def test_faster_on_several_cores(speed_check):
    workers = min(usable_cores(), 4)
    speed_check(candidate="preprocess_parallel", baseline="preprocess_sequential",
                workload=lambda size, seed: (size, seed), workers=workers, initial_size=60,
                target_seconds=SPEED_TARGET_SECONDS)

"""Graded tests of bai01_do_thoi_gian: a timing helper (best of several runs), speed-up and
efficiency. Durations come from functions that sleep a known time in the runner process."""

import time

import pytest

from tangtoc.experiments.timing import slow_first_call

EXERCISE = "bai01_do_thoi_gian"


def test_measure_times_one_call(exercise):
    seconds = exercise.measure(time.sleep, 0.05, repeat=1)
    assert isinstance(seconds, float), "measure phải trả về số giây kiểu float."
    assert 0.05 <= seconds < 0.5, (
        f"time.sleep(0.05) đo được {seconds:.3f} s: hãy đo bằng time.perf_counter() quanh "
        "đúng một lần gọi hàm."
    )


def test_measure_keeps_the_fastest_run(exercise):
    seconds = exercise.measure(slow_first_call, 0.4, 0.02, repeat=4)
    assert 0.02 <= seconds < 0.2, (
        f"Lần gọi đầu mất 0,4 s, các lần sau 0,02 s, mà measure trả về {seconds:.3f} s: phải "
        "trả về thời gian NHỎ NHẤT trong các lần đo (không phải tổng hay trung bình)."
    )


def test_measure_times_the_first_call_too(exercise):
    seconds = exercise.measure(slow_first_call, 0.3, 0.01, repeat=1)
    assert seconds >= 0.3, (
        f"Với repeat=1 chỉ có một lần gọi (mất 0,3 s), mà measure trả về {seconds:.3f} s."
    )


def test_measure_rejects_zero_repeats(exercise):
    with pytest.raises(ValueError):
        exercise.measure(time.sleep, 0.0, repeat=0)


@pytest.mark.parametrize(("sequential", "parallel", "expected"), [
    (2.0, 0.5, 4.0), (1.0, 1.0, 1.0), (1.3, 2.6, 0.5), (10.0, 1.0, 10.0),
])
def test_speedup(exercise, sequential, parallel, expected):
    assert exercise.speedup(sequential, parallel) == pytest.approx(expected), (
        f"Tăng tốc của {sequential} s (tuần tự) so với {parallel} s (song song) phải là "
        f"{expected}: tăng tốc = tuần tự / song song."
    )


@pytest.mark.parametrize(("times"), [(0.0, 1.0), (1.0, 0.0), (-1.0, 1.0)])
def test_speedup_rejects_non_positive_times(exercise, times):
    with pytest.raises(ValueError):
        exercise.speedup(*times)


@pytest.mark.parametrize(("gain", "workers", "expected"), [
    (4.0, 8, 0.5), (1.8, 2, 0.9), (1.0, 1, 1.0), (0.63, 2, 0.315),
])
def test_efficiency(exercise, gain, workers, expected):
    assert exercise.efficiency(gain, workers) == pytest.approx(expected), (
        f"Hiệu suất với tăng tốc {gain}× trên {workers} worker phải là {expected}: "
        "hiệu suất = tăng tốc / số worker."
    )


def test_efficiency_rejects_zero_workers(exercise):
    with pytest.raises(ValueError):
        exercise.efficiency(1.0, 0)


def test_describe_reports_both(exercise):
    assert exercise.describe(2.0, 0.5, 8) == "tăng tốc 4.00×, hiệu suất 50%", (
        "describe (đã cho sẵn) dùng speedup và efficiency của bạn: kiểm tra lại hai hàm đó."
    )

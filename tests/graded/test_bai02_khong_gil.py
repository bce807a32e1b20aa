"""Graded tests of bai02_khong_gil (optional): primes with threads on a free-threaded build.

Graded only where the GIL is off (sys._is_gil_enabled() is False: python3.13t/3.14t); on a GIL
build every test is skipped with the catalog's Vietnamese reason, and a skip never counts as
passed (`tangtoc check` says "unavailable", the grader leaves the exercise out). Run on 3.14t by
the GitHub Actions matrix (.github/workflows/tests.yml); this machine has GIL builds only.
The statement asks for threads: a process pool is fast too, so the judge also checks that the
work ran in threads of the calling process (tests/graded/worker_cpu.py)."""

import pytest
from worker_cpu import ThreadWatch, assert_work_in_threads

from tangtoc import catalog, reference
from tangtoc.cores import usable_cores

EXERCISE = "bai02_khong_gil"

pytestmark = pytest.mark.skipif(not catalog.get(EXERCISE).available,
                                reason=catalog.get(EXERCISE).unavailable_reason or "-")


def expected(limit: int) -> list[int]:
    return reference.load(EXERCISE).primes_below_sequential(limit)


@pytest.mark.parametrize(("limit", "workers"), [(50_000, 2), (1_000, 3), (10, 8)])
def test_matches_sequential(exercise, limit, workers):
    primes = exercise.primes_below_threads(limit, workers)
    assert isinstance(primes, list), "primes_below_threads phải trả về một list."
    assert primes == expected(limit), (
        f"Danh sách số nguyên tố nhỏ hơn {limit} với {workers} luồng sai: thiếu, thừa, lặp hoặc "
        "sai thứ tự (hãy nối kết quả các đoạn theo đúng thứ tự đoạn).")


@pytest.mark.parametrize("limit", [0, 1, 2, 3])
def test_tiny_limits(exercise, limit):
    assert exercise.primes_below_threads(limit, 2) == expected(limit), (
        f"primes_below_threads({limit}, 2) phải bằng {expected(limit)}.")


def test_the_primes_are_found_in_threads(exercise):
    limit = 200_000  # ≈ 0.5 s of trial division: far more than starting the runner
    with ThreadWatch() as watch:
        primes = exercise.primes_below_threads(limit, 2)
    assert primes == expected(limit), f"Danh sách số nguyên tố nhỏ hơn {limit} sai."
    assert_work_in_threads(watch, exercise, (
        "Đề bài yêu cầu luồng: trên Python không GIL, ThreadPoolExecutor(max_workers=workers) "
        "chạy các đoạn song song thật mà không phải pickle dữ liệu hay khởi động tiến trình."))


@pytest.mark.speed
def test_threads_are_faster_without_the_gil(speed_check):
    speed_check(candidate="primes_below_threads", baseline="primes_below_sequential",
                workload=lambda size, seed: (size * 50_000 + seed % 1000,),
                workers=min(usable_cores(), 4), parallelism="threads")

"""Graded tests of bai02_nguyen_to: prime counts with threads (correct only) and with processes
(correct and really faster; the thread version run in its place must fail the speed check).
Each version must also use what its name says, observed by the judge (tests/graded/worker_cpu.py):
the threads version's work in threads of the calling process, the processes version's in
processes it started."""

import random

import pytest
from worker_cpu import ThreadWatch, assert_work_in_threads, assert_work_in_workers

from tangtoc import reference
from tangtoc.cores import usable_cores

EXERCISE = "bai02_nguyen_to"
VERSIONS = ("count_primes_threads", "count_primes_processes")


def random_ranges(count: int, seed: int, width: int = 3000) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    starts = (rng.randrange(100_000, 5_000_000) for _ in range(count))
    return [(start, start + width) for start in starts]


def expected(ranges):
    return reference.load(EXERCISE).count_primes_sequential(ranges)


@pytest.mark.parametrize("version", VERSIONS)
def test_matches_sequential_result(exercise, each_start_method, version):
    ranges = random_ranges(12, seed=2026)
    counts = getattr(exercise, version)(ranges, 2)
    assert isinstance(counts, list), f"{version} phải trả về một list."
    assert counts == expected(ranges), (
        f"{version}: số đếm khác bản tuần tự, hoặc sai thứ tự (phương thức khởi động "
        f"{each_start_method})."
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_small_edge_ranges(exercise, version):
    ranges = [(0, 10), (2, 3), (10, 10), (97, 98), (1, 2)]  # 4 primes, 1, none, 1, none
    assert getattr(exercise, version)(ranges, 3) == [4, 1, 0, 1, 0], (
        f"{version}: sai ở các khoảng nhỏ (0..10 có 4 số nguyên tố; khoảng rỗng có 0)."
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_empty_input(exercise, version):
    assert getattr(exercise, version)([], 2) == [], f"{version}([]) phải trả về []."


@pytest.mark.parametrize("version", VERSIONS)
def test_more_workers_than_ranges(exercise, version):
    ranges = random_ranges(2, seed=7)
    assert getattr(exercise, version)(ranges, 8) == expected(ranges), (
        f"{version}: sai khi số worker (8) lớn hơn số khoảng (2)."
    )


METHOD_RANGES = 48  # ≈ 0.5 s of counting: far more than starting the runner


def test_the_threads_version_runs_in_threads(exercise):
    ranges = random_ranges(METHOD_RANGES, seed=22)
    with ThreadWatch() as watch:
        counts = exercise.count_primes_threads(ranges, 2)
    assert counts == expected(ranges), "count_primes_threads: số đếm khác bản tuần tự."
    assert_work_in_threads(watch, exercise, (
        "count_primes_threads phải giao các khoảng cho ThreadPoolExecutor(max_workers="
        "workers) (pool.map với count_primes_in_range): bài này cho bạn thấy luồng không "
        "nhanh hơn vì GIL, nên các luồng phải thật sự làm việc."))


def test_the_processes_version_runs_in_processes(exercise):
    ranges = random_ranges(METHOD_RANGES, seed=23)
    assert exercise.count_primes_processes(ranges, 2) == expected(ranges), (
        "count_primes_processes: số đếm khác bản tuần tự.")
    assert_work_in_workers(exercise, (
        "count_primes_processes phải giao các khoảng cho ProcessPoolExecutor(max_workers="
        "workers): luồng hay chạy tuần tự thì chỉ dùng được một lõi vì GIL."))


@pytest.mark.speed
def test_processes_are_faster_on_several_cores(speed_check):
    workers = min(usable_cores(), 4)
    speed_check(candidate="count_primes_processes", baseline="count_primes_sequential",
                workload=lambda size, seed: (random_ranges(size, seed),), workers=workers,
                initial_size=8)

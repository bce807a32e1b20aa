"""Graded tests of bai02_nguyen_to: prime counts with threads (correct only) and with processes
(correct and really faster; the thread version run in its place must fail the speed check)."""

import random

import pytest

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


@pytest.mark.speed
def test_processes_are_faster_on_several_cores(speed_check):
    workers = min(usable_cores(), 4)
    speed_check(candidate="count_primes_processes", baseline="count_primes_sequential",
                workload=lambda size, seed: (random_ranges(size, seed),), workers=workers,
                initial_size=8)

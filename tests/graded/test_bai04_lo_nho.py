"""Graded tests of bai04_lo_nho: many tiny tasks need a sensible chunksize."""

import random

import pytest

from tangtoc import reference
from tangtoc.cores import usable_cores

EXERCISE = "bai04_lo_nho"


def expected_codes(numbers):
    return reference.load(EXERCISE).check_codes_sequential(numbers)


def random_numbers(size: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.getrandbits(40) for _ in range(size)]


def test_matches_sequential_in_order(exercise, each_start_method):
    numbers = random_numbers(3_000, 404)
    codes = exercise.check_codes_parallel(numbers, 2)
    assert isinstance(codes, list), "Kết quả phải là một list."
    assert len(codes) == len(numbers), f"Cần {len(numbers)} mã, nhận được {len(codes)}."
    assert codes == expected_codes(numbers), (
        "Mã kiểm tra sai hoặc sai thứ tự: kết quả phải theo đúng thứ tự của numbers "
        f"(phương thức khởi động {each_start_method})."
    )


@pytest.mark.parametrize("size", [0, 1, 7])
def test_small_inputs(exercise, size):
    numbers = random_numbers(size, size)
    assert exercise.check_codes_parallel(numbers, 4) == expected_codes(numbers), (
        f"Sai kết quả với {size} số và 4 tiến trình (danh sách rỗng phải cho [])."
    )


@pytest.mark.speed
def test_faster_on_several_cores(speed_check):
    speed_check(candidate="check_codes_parallel", baseline="check_codes_sequential",
                workload=lambda size, seed: (random_numbers(size, seed),),
                workers=min(usable_cores(), 4), initial_size=2_000)

"""Graded tests of bai01_amdahl: Amdahl's law checked against values worked out by hand."""

import math

import pytest

EXERCISE = "bai01_amdahl"


@pytest.mark.parametrize(("p", "workers", "expected"), [
    (0.95, 8, 1 / 0.16875),  # ≈ 5.93×: 0.05 + 0.95/8 = 0.16875
    (0.5, 2, 4 / 3),
    (0.9, 10, 1 / 0.19),
    (0.0, 16, 1.0),  # nothing parallel: no gain
    (1.0, 16, 16.0),  # everything parallel: ideal
    (0.75, 1, 1.0),  # one worker: no gain
])
def test_speedup_known_values(exercise, p, workers, expected):
    got = exercise.amdahl_speedup(p, workers)
    assert got == pytest.approx(expected), (
        f"Với p = {p} và N = {workers}, S(N) = 1 / ((1 − p) + p/N) = {expected:.4f}, "
        f"không phải {got}."
    )


@pytest.mark.parametrize(("p", "expected"), [(0.95, 20.0), (0.5, 2.0), (0.0, 1.0),
                                             (1.0, math.inf)])
def test_limit_known_values(exercise, p, expected):
    got = exercise.amdahl_limit(p)
    assert got == pytest.approx(expected), (
        f"Giới hạn tăng tốc với p = {p} là 1 / (1 − p) = {expected}, không phải {got} "
        "(với p = 1 hãy trả về math.inf)."
    )


@pytest.mark.parametrize(("p", "target", "expected"), [
    (0.95, 5.9, 8),  # S(7) ≈ 5.38, S(8) ≈ 5.93
    (0.9, 4.5, 8),  # S(7) ≈ 4.38, S(8) ≈ 4.71
    (0.5, 1.85, 13),  # S(12) ≈ 1.846, S(13) ≈ 1.857
    (1.0, 7.5, 8),
    (0.3, 1.0, 1),  # one worker already "reaches" 1×
])
def test_workers_needed(exercise, p, target, expected):
    got = exercise.workers_needed(p, target)
    assert got == expected, (
        f"Cần ít nhất {expected} worker để đạt {target}× với p = {p}, không phải {got}."
    )


@pytest.mark.parametrize(("p", "target"), [(0.5, 2.0), (0.95, 25.0), (0.0, 1.5)])
def test_unreachable_target_gives_none(exercise, p, target):
    got = exercise.workers_needed(p, target)
    assert got is None, (
        f"Với p = {p}, tăng tốc không bao giờ đạt {target}× (giới hạn 1/(1 − p)), nên phải "
        f"trả về None, không phải {got}."
    )


@pytest.mark.parametrize(("call", "args"), [
    ("amdahl_speedup", (1.5, 4)), ("amdahl_speedup", (-0.1, 4)), ("amdahl_speedup", (0.5, 0)),
    ("amdahl_limit", (2.0,)), ("workers_needed", (0.5, 0.5)),
])
def test_invalid_inputs_raise_value_error(exercise, call, args):
    with pytest.raises(ValueError):
        getattr(exercise, call)(*args)

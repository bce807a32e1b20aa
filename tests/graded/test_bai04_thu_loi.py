"""Graded tests of bai04_thu_loi: ProcessPoolExecutor + as_completed, no result or error lost."""

import random

import pytest
from worker_cpu import assert_work_in_workers

from tangtoc import reference

EXERCISE = "bai04_thu_loi"


def expected(lines):
    return reference.load(EXERCISE).parse_all_sequential(lines)


def random_lines(count: int, seed: int) -> list[str]:
    """Station lines; roughly a quarter are broken in one of four ways."""
    rng = random.Random(seed)
    stations = sorted(reference.load(EXERCISE).STATIONS)
    lines = []
    for _ in range(count):
        station, value, factor = rng.choice(stations), f"{rng.uniform(-40, 40):.1f}", "2"
        problem = rng.choices(["", "fields", "station", "number", "zero"], [12, 1, 1, 1, 1])[0]
        line = {
            "": f"{station};{value};{factor}",
            "fields": f"{station};{value}",
            "station": f"ZZ{rng.randint(0, 9)};{value};{factor}",
            "number": f"{station};{value}x;{factor}",
            "zero": f"{station};{value};0",
        }[problem]
        lines.append(line)
    return lines


def test_nothing_lost(exercise, each_start_method):
    lines = random_lines(120, 5)
    results, errors = exercise.parse_all(lines, 2)
    want_results, want_errors = expected(lines)
    lost = len(lines) - len(results) - len(errors)
    assert lost == 0, (
        f"Mất {lost} dòng: mỗi dòng phải có hoặc một kết quả, hoặc một lỗi "
        f"(phương thức khởi động {each_start_method})."
    )
    assert results == want_results, "Kết quả của các dòng tốt sai hoặc gắn nhầm số thứ tự dòng."
    assert list(errors) == want_errors, (
        "Danh sách lỗi phải là error_summary(số thứ tự, dòng, ngoại lệ) của mọi dòng hỏng, "
        "sắp theo số thứ tự dòng (as_completed trả về theo thứ tự xong, không theo thứ tự gửi)."
    )


def test_every_line_broken(exercise):
    lines = ["HN;1", "XX;1;1", "DN;a;1", "SG;1;0"]
    assert tuple(exercise.parse_all(lines, 2)) == expected(lines), (
        "Khi mọi dòng đều hỏng: results rỗng và đủ 4 thông báo lỗi, đúng thứ tự dòng."
    )


@pytest.mark.parametrize("count", [0, 1])
def test_tiny_inputs(exercise, count):
    lines = random_lines(count, 11)
    assert tuple(exercise.parse_all(lines, 4)) == expected(lines), (
        f"Sai kết quả với {count} dòng và 4 tiến trình (rỗng phải cho ({{}}, []))."
    )


def test_the_lines_are_parsed_in_worker_processes(exercise):
    """The method: every line is parsed by the executor's worker processes (each parse is a
    little real work, so the judge sees where the CPU went)."""
    lines = random_lines(2_000, 21)
    results, errors = exercise.parse_all(lines, 2)
    assert (results, list(errors)) == expected(lines), "Kết quả hoặc danh sách lỗi sai."
    assert_work_in_workers(exercise, (
        "Có lẽ parse_all gọi thẳng parse_measurement (hoặc parse_all_sequential) thay vì giao "
        "từng dòng cho ProcessPoolExecutor. Hãy `executor.submit(parse_measurement, dòng)` "
        "cho mọi dòng rồi đọc kết quả bằng `as_completed`."))

"""`tangtoc solution ID`: rustlings' rule, the reference solution only after the exercise
passes; a class template (no solutions/) says so instead."""

import shutil

import pytest
from cli_support import fresh_course, run, solve

EXERCISE = "bai01_amdahl"  # a quick correctness exercise


@pytest.fixture
def course(tmp_path):
    return fresh_course(tmp_path / "khoa_hoc")


def test_the_solution_shows_only_after_the_exercise_passes(course):
    code, output = run(course, "solution", EXERCISE)
    assert code == 2 and "chưa được kiểm tra lần nào" in output
    assert output.startswith(f"Lỗi: chỉ xem được lời giải tham khảo của {EXERCISE} sau khi")
    assert run(course, "check", EXERCISE)[0] == 1  # the untouched stub
    code, output = run(course, "solution", EXERCISE)
    assert code == 2 and "lần kiểm tra gần nhất bài của bạn chưa đạt" in output
    answer = (course / "solutions" / f"{EXERCISE}.py").read_text(encoding="utf-8")
    assert answer not in output
    solve(course, EXERCISE)
    assert run(course, "check", EXERCISE)[0] == 0
    code, output = run(course, "solution", EXERCISE)
    assert code == 0 and answer in output
    assert f"Lời giải tham khảo của {EXERCISE} (solutions/{EXERCISE}.py)" in output


def test_a_class_template_has_no_solution_to_show(course):
    # the template's layout
    shutil.move(course / "solutions", course / "tests" / "graded" / "baseline")
    code, output = run(course, "solution", EXERCISE)
    assert code == 2 and "không kèm lời giải tham khảo" in output

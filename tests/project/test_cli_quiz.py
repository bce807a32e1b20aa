"""`tangtoc quiz` driven for real on a pseudo-terminal: the student answers, sees why a wrong
option is wrong, gets a score that `tangtoc list` shows, and leaves a quiz half-way without
recording anything."""

import sys

import pytest
from cli_support import TANGTOC, Terminal, fresh_course, run, student_env

from tangtoc import quiz

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
GIL = quiz.get("bai02-gil")


@pytest.fixture
def course(tmp_path):
    return fresh_course(tmp_path / "khoa_hoc")


def letters(question: quiz.Question, right: bool) -> str:
    """What a student types to answer the question right (or wrong)."""
    if question.kind == "order":
        shown = question.shown_steps
        order = question.steps if right else shown
        return "".join(quiz.LETTERS[shown.index(step)] for step in order)
    index = next(i for i, option in enumerate(question.options) if option.correct == right)
    return quiz.LETTERS[index]


def test_a_quiz_is_scored_explained_and_recorded(course):
    screen = Terminal([TANGTOC, "quiz", "bai02-gil"], student_env(course), course)
    try:
        total = len(GIL.questions)
        for number, question in enumerate(GIL.questions, start=1):
            screen.wait_for(f"Câu {number}/{total}.")
            if number == 2:
                screen.type("Z\n")  # not an option: asked again
                screen.wait_for("Hãy gõ một chữ cái từ A đến")
            screen.type(letters(question, right=number != 1) + "\n")
        screen.wait_for(f"Kết quả bai02-gil: {total - 1}/{total} câu đúng")
        assert screen.close() == 0
    finally:
        screen.kill()
    first = GIL.questions[0]
    picked = first.options[quiz.LETTERS.index(letters(first, right=False))]
    shown = screen.output.replace("\r\n", " ").replace("\n", " ")
    assert f"✘ Chưa đúng: {picked.why[:40]}" in shown, "why the chosen option is wrong"
    assert screen.output.count("✔ Đúng.") == total - 1

    code, listed = run(course, "list")
    assert code == 0
    assert f"lần cuối {total - 1}/{total}, cao nhất {total - 1}/{total}" \
        in listed, listed
    assert "· bai01-vi-sao-song-song" in listed and "chưa làm" in listed

    # without a lesson: the first quiz not taken yet; Ctrl+D half-way records nothing
    screen = Terminal([TANGTOC, "quiz"], student_env(course), course)
    try:
        screen.wait_for("Trắc nghiệm: Bài 1")
        screen.wait_for("Câu 1/")
        screen.type("\x04")
        screen.wait_for("Đã dừng trắc nghiệm; bài dở không được ghi điểm.")
        assert screen.close() == 0
    finally:
        screen.kill()
    assert run(course, "list")[1].count("chưa làm (") == len(quiz.quizzes()) - 1


def test_a_lesson_runs_all_its_pages_and_an_unknown_name_says_what_exists(course):
    code, output = run(course, "quiz", "khong-co")
    assert code == 2
    assert "không có bài trắc nghiệm «khong-co»" in output and "bai02-gil" in output
    answers = "".join(letters(q, right=True) + "\n"
                      for name in ("bai04-pool", "bai04-process", "bai04-pool-nang-cao",
                                   "bai04-executor") for q in quiz.get(name).questions)
    screen = Terminal([TANGTOC, "quiz", "bai04"], student_env(course), course)
    try:
        screen.type(answers)  # typed ahead: read one line per question
        for name in ("bai04-pool", "bai04-process", "bai04-pool-nang-cao", "bai04-executor"):
            total = len(quiz.get(name).questions)
            screen.wait_for(f"Kết quả {name}: {total}/{total} câu đúng")
        assert screen.close() == 0
    finally:
        screen.kill()
    assert "✔ bai04-executor" in run(course, "list")[1]

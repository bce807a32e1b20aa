"""`tangtoc quiz`: a lesson's quiz in the terminal, scored and recorded with the progress.

The student types the letter of an option (or, for an "order" question, the letters in order,
e.g. `CADB`) and Enter; after each answer they see whether it was right, why a wrong option is
wrong and the explanation. The score of a finished quiz is recorded (progress.record_quiz);
a quiz left with Ctrl+D or Ctrl+C records nothing.
"""

import shutil
import textwrap

from tangtoc import catalog, paths, progress, quiz


class QuizStopped(Exception):
    """The student left the quiz (end of input) before its last question."""


def pick(name: str | None) -> list[quiz.Quiz]:
    """The quizzes to run: the one named (a page, 'bai04' for all of lesson 4, or an exercise
    id for its lesson page), else the first one not taken yet (or not yet at full marks)."""
    quizzes = quiz.quizzes()
    if not name:
        scores = progress.quiz_scores()
        for wanted in (lambda q: q.name not in scores,
                       lambda q: scores[q.name]["best"] < len(q.questions)):
            left = [q for q in quizzes if wanted(q)]
            if left:
                return left[:1]
        return list(quizzes[:1])
    wanted = name.removesuffix(".md")
    exact = [q for q in quizzes if q.name == wanted]
    if exact:
        return exact
    if wanted in {e.id for e in catalog.exercises()}:
        return [quiz.get(catalog.get(wanted).lesson)]
    return [q for q in quizzes if q.name.startswith(f"{wanted}-")]


def _width() -> int:
    return min(shutil.get_terminal_size((100, 24)).columns, 100) - 2


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, _width(), initial_indent=indent, subsequent_indent=indent)


def _block(text: str) -> str:
    return textwrap.indent(text, "    ")


def question_lines(number: int, total: int, question: quiz.Question) -> list[str]:
    lines = ["", _wrap(f"Câu {number}/{total}. {question.prompt}")]
    for extra in (question.code, question.timeline):
        if extra:
            lines += ["", _block(extra), ""]
    if question.kind == "order":
        lines.append("Các bước (đang bị xáo trộn):")
        items = question.shown_steps
    else:
        items = tuple(option.text for option in question.options)
    lines += [textwrap.fill(f"{quiz.LETTERS[i]}. {text}", _width(), initial_indent="  ",
                            subsequent_indent="     ") for i, text in enumerate(items)]
    return lines


def read_answer(question: quiz.Question, ask) -> tuple[str, ...] | str:
    """The student's answer: an option's text, or the steps in the order they typed."""
    if question.kind == "order":
        items, prompt = question.shown_steps, "Thứ tự đúng (ví dụ «CADB»): "
    else:
        items = tuple(option.text for option in question.options)
        prompt = "Đáp án của bạn (một chữ cái): "
    letters = quiz.LETTERS[:len(items)]
    while True:
        try:
            typed = ask(prompt)
        except EOFError:
            raise QuizStopped from None
        typed = "".join(char for char in typed.upper() if not char.isspace() and char != ",")
        if question.kind == "order" and sorted(typed) == sorted(letters):
            return tuple(items[letters.index(char)] for char in typed)
        if question.kind != "order" and len(typed) == 1 and typed in letters:
            return items[letters.index(typed)]
        need = (f"mỗi chữ cái từ A đến {letters[-1]} đúng một lần" if question.kind == "order"
                else f"một chữ cái từ A đến {letters[-1]}")
        print(f"Hãy gõ {need}.")


def feedback_lines(question: quiz.Question, answer) -> list[str]:
    if question.is_right(answer):
        return [_wrap(f"✔ Đúng. {question.explain}")]
    if question.kind == "order":
        shown = question.shown_steps
        right = "".join(quiz.LETTERS[shown.index(step)] for step in question.steps)
        return [f"✘ Chưa đúng. Thứ tự đúng: {right}.", _wrap(question.explain, "  ")]
    chosen = next(option for option in question.options if option.text == answer)
    letter, right = next((quiz.LETTERS[i], option) for i, option in
                         enumerate(question.options) if option.correct)
    return [_wrap(f"✘ Chưa đúng: {chosen.why}"),
            _wrap(f"Đáp án đúng: {letter}. {right.text}", "  "),
            _wrap(question.explain, "  ")]


def run(chosen: quiz.Quiz, ask=input) -> int:
    """Ask every question of one quiz; return the number answered right (and record it)."""
    total = len(chosen.questions)
    title = catalog.lesson_title(chosen.page) if (paths.DOCS / chosen.page).is_file() \
        else chosen.name
    print(f"Trắc nghiệm: {title} (docs/{chosen.page}), {total} câu. Gõ chữ cái của đáp án rồi "
          "Enter; Ctrl+D để dừng.")
    right = 0
    for number, question in enumerate(chosen.questions, start=1):
        print("\n".join(question_lines(number, total, question)))
        answer = read_answer(question, ask)
        right += question.is_right(answer)
        print("\n".join(feedback_lines(question, answer)))
    before = progress.quiz_scores().get(chosen.name)
    progress.record_quiz(chosen.name, right, total)
    earlier = (f" (lần trước: {before['score']}/{before['total']}, cao nhất: "
               f"{max(before['best'], right)}/{total})" if before else "")
    print(f"\nKết quả {chosen.name}: {right}/{total} câu đúng{earlier}. Đã ghi vào tiến độ; "
          "xem bằng «tangtoc list».")
    return right

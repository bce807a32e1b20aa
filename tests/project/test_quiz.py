"""The quizzes as data (tangtoc/quizzes/*.toml): every lesson page has a scored quiz in the
format tangtoc.quiz reads, every "predict the output" question prints what it says, and a
malformed quiz fails with a message naming the file and the question."""

import re
import subprocess
import sys

import pytest

from tangtoc import paths, quiz, site_markdown

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]",
                        re.IGNORECASE)
LESSON_PAGE = re.compile(r"^\s+- .*:\s*(bai\d\d[\w-]*\.md)\s*$", re.MULTILINE)
VALID = """
[[question]]
kind = "choice"
prompt = "Câu hỏi?"
right = "Đúng"
explain = "Vì thế."
wrong = [{ text = "Sai 1", why = "Lý do 1" }, { text = "Sai 2", why = "Lý do 2" }]
"""


def lesson_pages() -> list[str]:
    return LESSON_PAGE.findall((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_every_lesson_page_has_a_quiz_of_at_least_five_questions():
    pages = lesson_pages()
    assert len(pages) >= 17, pages
    quizzes = {q.page: q for q in quiz.quizzes()}
    assert sorted(quizzes) == sorted(pages), "one quiz per lesson page, no quiz without a page"
    for page, found in quizzes.items():
        assert len(found.questions) >= 5, page
    assert [q.page for q in quiz.quizzes()] == pages, "quizzes come in the course's order"


def test_every_kind_is_used_and_every_text_is_vietnamese():
    questions = [question for found in quiz.quizzes() for question in found.questions]
    assert {question.kind for question in questions} == set(quiz.KINDS)
    for question in questions:
        texts = [question.prompt, question.explain, *question.steps,
                 *(option.text + option.why for option in question.options)]
        for text in texts:
            prose = re.sub(r"`[^`]*`", "", text)  # code is not prose
            if len(re.findall(r"[^\W\d_]{2,}", prose)) >= 4:  # not "Linux, macOS, Windows"
                assert VIETNAMESE.search(prose), text
        assert VIETNAMESE.search(question.prompt), question.prompt


def test_the_right_option_is_not_always_in_the_same_place():
    places = [next(i for i, o in enumerate(q.options) if o.correct)
              for found in quiz.quizzes() for q in found.questions if q.options]
    assert len(set(places)) >= 3, places


@pytest.mark.parametrize("question", [q for found in quiz.quizzes() for q in found.questions
                                      if q.kind == "output"], ids=lambda q: q.prompt[:30])
def test_output_questions_print_what_they_say(question, tmp_path):
    script = tmp_path / "tep.py"
    script.write_text(question.code, encoding="utf-8")
    printed = subprocess.run([sys.executable, "-u", str(script)], capture_output=True, text=True,
                             timeout=60, cwd=tmp_path, check=True).stdout
    assert printed.strip("\n") == question.prints


def test_order_steps_are_shown_shuffled_and_checked_in_order():
    for found in quiz.quizzes():
        for question in found.questions:
            if question.kind == "order":
                assert question.shown_steps != question.steps
                assert sorted(question.shown_steps) == sorted(question.steps)
                assert question.is_right(question.steps)
                assert not question.is_right(question.shown_steps)


def test_a_valid_quiz_parses_with_its_options_and_answer():
    parsed = quiz.parse(VALID, "bai99.md")
    (question,) = parsed.questions
    assert {o.text for o in question.options} == {"Đúng", "Sai 1", "Sai 2"}
    assert question.is_right("Đúng") and not question.is_right("Sai 1")
    assert {o.text: o.why for o in question.options if not o.correct} == {
        "Sai 1": "Lý do 1", "Sai 2": "Lý do 2"}
    assert quiz.parse(VALID, "bai99.md") == parsed, "the same order every time"


@pytest.mark.parametrize(("change", "message"), [
    (('kind = "choice"', 'kind = "essay"'), "«kind» phải là một trong"),
    (('{ text = "Sai 2", why = "Lý do 2" }', '{ text = "Sai 2" }'), "why: vì sao nó sai"),
    ((', { text = "Sai 2", why = "Lý do 2" }', ""), "ít nhất 2 lựa chọn sai"),
    (('"Sai 2", why', '"Đúng", why'), "hai lựa chọn giống hệt nhau"),
    (('explain = "Vì thế."', 'explain = ""'), "«explain» phải là một chuỗi không rỗng"),
    (('kind = "choice"', 'kind = "choice"\nhint = "x"'), "khóa lạ hint"),
    (('kind = "choice"', 'kind = "output"'), "thiếu code, prints"),
    (('kind = "choice"', 'kind = "timeline"'), "thiếu timeline"),
    (('kind = "choice"', 'kind = "order"\nsteps = ["a", "b", "c"]'), "chỉ có «steps»"),
    (('[[question]]', '[question]'), "chỉ gồm các bảng [[question]]"),
    (('right = "Đúng"', 'right = "Đúng'), "TOML sai cú pháp"),
    (('kind = "choice"', 'kind = "choice"\nid = "Dự đoán"'), "«id» chỉ gồm chữ thường"),
    (('kind = "choice"', 'kind = "choice"\nid = "du doan"'), "«id» chỉ gồm chữ thường"),
])
def test_a_malformed_quiz_names_the_file_the_question_and_the_fault(change, message):
    broken = VALID.replace(*change)
    assert broken != VALID
    with pytest.raises(quiz.QuizError, match=re.escape(message)) as raised:
        quiz.parse(broken, "bai99.md")
    assert str(raised.value).startswith("bai99.md")


def test_order_questions_need_three_distinct_steps():
    question = {"kind": "order", "prompt": "Xếp?", "explain": "Vì thế.", "steps": ["a", "b"]}
    with pytest.raises(quiz.QuizError, match="ít nhất 3 bước"):
        quiz.parse_question(question, "bai99.md, câu 1")
    with pytest.raises(quiz.QuizError, match="hai bước giống hệt nhau"):
        quiz.parse_question({**question, "steps": ["a", "b", "a"]}, "bai99.md, câu 1")


def test_a_quiz_is_found_by_page_name_or_file():
    assert quiz.get("bai02-gil").page == "bai02-gil.md"
    assert quiz.get("docs/bai02-gil.md").page == "bai02-gil.md"
    with pytest.raises(LookupError):
        quiz.get("bai99-khong-co")


def test_two_questions_of_a_page_never_share_an_id():
    named = VALID.replace('kind = "choice"', 'kind = "choice"\nid = "du-doan"')
    assert quiz.parse(named, "bai99.md").questions[0].id == "du-doan"
    with pytest.raises(quiz.QuizError, match="hai câu hỏi cùng một «id»"):
        quiz.parse(named + named.replace("Câu hỏi?", "Câu khác?"), "bai99.md")


# --- the site: the Markdown extension puts each page's quiz at its marker -------------------

def test_every_lesson_page_asks_its_own_quiz_at_the_marker_and_nowhere_the_old_way():
    for found in quiz.quizzes():
        text = (paths.DOCS / found.page).read_text(encoding="utf-8")
        assert site_markdown.QUIZ.findall(text) == [found.page], (
            f"{found.page}: cần đúng một dấu <!-- trac-nghiem: {found.page} -->")
        assert "??? question" not in text, f"{found.page}: câu hỏi kiểu cũ"
        placed = site_markdown.PLACED_QUESTION.findall(text)
        assert sorted(placed) == sorted(q.id for q in found.questions if q.id), found.page


def test_no_page_without_a_quiz_carries_a_quiz_marker():
    pages = {found.page for found in quiz.quizzes()}
    for path in sorted(paths.DOCS.rglob("*.md")):
        if path.relative_to(paths.DOCS).as_posix() not in pages:
            text = path.read_text(encoding="utf-8")
            assert not site_markdown.QUIZ.search(text), path
            assert not site_markdown.PLACED_QUESTION.search(text), path


def test_the_hook_renders_every_question_once_with_its_reasons_hidden():
    found = quiz.get("bai02-gil")
    placed = [q.id for q in found.questions if q.id]
    page = "<h2>x</h2>\n" + "".join(f"<!-- cau-hoi: {name} -->\n" for name in placed)
    html = site_markdown.with_quiz(page + "<!-- trac-nghiem: bai02-gil.md -->")
    assert html.count('<form class="tt-question"') == len(found.questions)
    assert html.count('class="tt-why" hidden data-search-exclude') == sum(
        not option.correct for q in found.questions for option in q.options)
    assert html.count('class="tt-explain" hidden data-search-exclude') == len(found.questions)
    assert html.count("data-right") == sum(bool(q.options) for q in found.questions)
    assert f"Điểm: 0/{len(found.questions)}" in html
    assert "tangtoc quiz bai02-gil" in html
    assert '<div class="highlight">' in html or "```" not in html


@pytest.mark.parametrize(("html", "message"), [
    ("<p>Không có dấu.</p><!-- cau-hoi: du-doan-amdahl -->", "không có dấu <!-- trac-nghiem"),
    ("<!-- trac-nghiem: bai02-gil.md -->" * 2, "cần đúng một dấu"),
    ("<!-- trac-nghiem: bai02-gil.md --><!-- cau-hoi: khong-co -->", "phải khớp"),
    ("<!-- trac-nghiem: index.md -->", "không có tệp tangtoc/quizzes/index.toml"),
])
def test_a_misplaced_quiz_marker_fails_the_build(html, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        site_markdown.with_quiz(html)

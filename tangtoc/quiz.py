"""Scored quizzes: one TOML file per lesson page, read by `tangtoc quiz` and by the site.

`tangtoc/quizzes/<page>.toml` (e.g. `bai02-gil.toml` for docs/bai02-gil.md) holds the page's
questions as `[[question]]` tables. Every question has a `kind`, a `prompt` and an `explain`
(why the right answer is right, shown after any answer); `code` (a Python snippet shown under
the prompt) is optional, and so is `id` (a name such as "du-doan-luong": the site then shows the
question alone where the page says `<!-- cau-hoi: du-doan-luong -->`, e.g. a prediction asked
before the measured table, instead of in the quiz at the page's end). The kinds:

- "choice": multiple choice. `right` is the right option; `wrong` lists the others as
  `{ text = "…", why = "…" }`, each with the reason it is wrong (shown when it is picked).
- "output": predict what `code` prints: the same fields as "choice", plus `code` and `prints`
  (exactly what it prints when run with `python -u` on Linux; the suite runs it to check).
- "timeline": read the `timeline` (a small text chart of who ran when) and choose: the same
  fields as "choice", `timeline` required.
- "order": put `steps` (written in the right order) back in order; they are shown shuffled.

Options and steps are shuffled with a seed taken from the prompt, so the right option is not
always first and the site and the terminal show the same order. A malformed file raises
QuizError naming the file and the question.
"""

import random
import re
import sys
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tangtoc import catalog

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

QUIZ_DIR = Path(__file__).with_name("quizzes")
CHOICE_KINDS = ("choice", "output", "timeline")
KINDS = (*CHOICE_KINDS, "order")
KEYS = {"kind", "prompt", "explain", "code", "prints", "right", "wrong", "timeline", "steps",
        "id"}
QUESTION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
REQUIRED = {"choice": {"right", "wrong"}, "output": {"right", "wrong", "code", "prints"},
            "timeline": {"right", "wrong", "timeline"}, "order": {"steps"}}
MIN_WRONG = 2  # at least three options
MIN_STEPS = 3
LETTERS = "ABCDEFGH"


class QuizError(ValueError):
    """A quiz file that does not follow the format; the message names the file and question."""


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str = ""  # why a wrong option is wrong


@dataclass(frozen=True)
class Question:
    kind: str
    prompt: str
    explain: str
    options: tuple[Option, ...] = ()  # in the order shown (choice kinds)
    steps: tuple[str, ...] = ()  # in the right order (order kind)
    code: str = ""
    prints: str = ""  # what code prints (output kind)
    timeline: str = ""
    id: str = ""  # where the site shows it alone, `<!-- cau-hoi: ID -->` (e.g. a prediction)

    @property
    def seed(self) -> int:
        return zlib.crc32(self.prompt.encode("utf-8"))

    @property
    def shown_steps(self) -> tuple[str, ...]:
        """The steps in the order shown: shuffled, never already in the right order."""
        shown = list(self.steps)
        random.Random(self.seed).shuffle(shown)
        if tuple(shown) == self.steps:
            shown = shown[1:] + shown[:1]
        return tuple(shown)

    def is_right(self, answer: tuple[str, ...] | str) -> bool:
        """answer: the chosen option's text, or the steps in the order the student put them."""
        if self.kind == "order":
            return tuple(answer) == self.steps
        return any(option.correct and option.text == answer for option in self.options)


@dataclass(frozen=True)
class Quiz:
    page: str  # the lesson page under docs/, e.g. "bai02-gil.md"
    questions: tuple[Question, ...]

    @property
    def name(self) -> str:
        return self.page.removesuffix(".md")


def _text(value, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QuizError(f"{where}: «{key}» phải là một chuỗi không rỗng")
    return value.strip("\n")


def parse_question(data: dict, where: str) -> Question:
    if not isinstance(data, dict):
        raise QuizError(f"{where}: mỗi câu hỏi phải là một bảng [[question]]")
    kind = data.get("kind")
    if kind not in KINDS:
        raise QuizError(f"{where}: «kind» phải là một trong {', '.join(KINDS)}, không phải "
                        f"{kind!r}")
    unknown = set(data) - KEYS
    missing = REQUIRED[kind] - set(data)
    if unknown:
        raise QuizError(f"{where}: khóa lạ {', '.join(sorted(unknown))}")
    if missing:
        raise QuizError(f"{where}: câu loại {kind} thiếu {', '.join(sorted(missing))}")
    fields = {"kind": kind, "prompt": _text(data.get("prompt"), where, "prompt"),
              "explain": _text(data.get("explain"), where, "explain")}
    for key in ("code", "prints", "timeline", "id"):
        if key in data:
            fields[key] = _text(data[key], where, key)
    if "id" in fields and not QUESTION_ID.fullmatch(fields["id"]):
        raise QuizError(f"{where}: «id» chỉ gồm chữ thường không dấu, số và gạch nối")
    if kind == "order":
        if set(data) & {"right", "wrong"}:
            raise QuizError(f"{where}: câu loại order chỉ có «steps», không có right/wrong")
        steps = data["steps"]
        if not isinstance(steps, list) or len(steps) < MIN_STEPS:
            raise QuizError(f"{where}: «steps» phải là danh sách ít nhất {MIN_STEPS} bước")
        fields["steps"] = tuple(_text(step, where, "steps") for step in steps)
        if len(set(fields["steps"])) != len(steps):
            raise QuizError(f"{where}: hai bước giống hệt nhau")
    else:
        if "steps" in data:
            raise QuizError(f"{where}: «steps» chỉ dùng cho câu loại order")
        fields["options"] = _options(data, where)
    return Question(**fields)


def _options(data: dict, where: str) -> tuple[Option, ...]:
    wrong = data["wrong"]
    if not isinstance(wrong, list) or len(wrong) < MIN_WRONG:
        raise QuizError(f"{where}: «wrong» phải có ít nhất {MIN_WRONG} lựa chọn sai")
    options = [Option(_text(data["right"], where, "right"), correct=True)]
    for item in wrong:
        if not isinstance(item, dict) or set(item) != {"text", "why"}:
            raise QuizError(f"{where}: mỗi lựa chọn sai là {{ text = \"…\", why = \"…\" }} "
                            "(why: vì sao nó sai)")
        options.append(Option(_text(item["text"], where, "text"), correct=False,
                              why=_text(item["why"], where, "why")))
    if len({option.text for option in options}) != len(options):
        raise QuizError(f"{where}: hai lựa chọn giống hệt nhau")
    if len(options) > len(LETTERS):
        raise QuizError(f"{where}: nhiều nhất {len(LETTERS)} lựa chọn")
    random.Random(zlib.crc32(data["prompt"].encode("utf-8"))).shuffle(options)
    return tuple(options)


def parse(text: str, page: str) -> Quiz:
    """A quiz from the text of its TOML file; page names the lesson page (for messages)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise QuizError(f"{page}: TOML sai cú pháp: {error}") from None
    if set(data) != {"question"} or not isinstance(data["question"], list):
        raise QuizError(f"{page}: tệp trắc nghiệm chỉ gồm các bảng [[question]]")
    questions = tuple(parse_question(question, f"{page}, câu {number}")
                      for number, question in enumerate(data["question"], start=1))
    names = [question.id for question in questions if question.id]
    if len(set(names)) != len(names):
        raise QuizError(f"{page}: hai câu hỏi cùng một «id»")
    return Quiz(page, questions)


def load(path: Path) -> Quiz:
    return parse(path.read_text(encoding="utf-8"), f"{path.stem}.md")


def page_order() -> list[str]:
    """Lesson pages in course order, as the catalog's lessons list them."""
    return [page for lesson in catalog.lessons() for page in lesson.pages]


@cache
def quizzes() -> tuple[Quiz, ...]:
    """Every quiz, in course order (pages not in the nav last, by name)."""
    order = page_order()
    found = [load(path) for path in sorted(QUIZ_DIR.glob("*.toml"))]
    return tuple(sorted(found, key=lambda quiz: (
        order.index(quiz.page) if quiz.page in order else len(order), quiz.page)))


def get(name: str) -> Quiz:
    """The quiz of a page, by its name: 'bai02-gil', 'bai02-gil.md' or 'docs/bai02-gil.md'."""
    wanted = Path(name).name.removesuffix(".md").removesuffix(".toml")
    for quiz in quizzes():
        if quiz.name == wanted:
            return quiz
    raise LookupError(wanted)

"""The exercise catalog: one ordered list read by the CLI, the tests, the grader and the site."""

import difflib
import importlib.util
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tangtoc import environment, paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CATALOG_FILE = Path(__file__).with_name("catalog.toml")
FORMAT_VERSION = 1  # the layout of catalog.toml this code reads (its top-level format_version)
KINDS = ("correctness", "speed", "script")
# How each kind is graded, in the student's words (`tangtoc list`, the site's exercise cards).
KIND_LABELS = {"correctness": "đúng kết quả", "speed": "đúng kết quả và tăng tốc thật",
               "script": "chạy trọn chương trình dưới spawn, có giới hạn thời gian"}
CHEAT_KINDS = ("threads", "sequential", "chunksize1", "wrong_tool", "pickle_per_task",
               "one_worker")
# wrong-but-correct versions a speed check must fail; chunksize1: a process pool that sends many
# tiny tasks one by one; wrong_tool: a plausible but wrong tool for each part of a multi-part
# exercise (lesson 10); pickle_per_task: a process pool that sends a big array with every task;
# one_worker: a cluster engine given one worker process whatever `workers` says (lesson 10, Dask)
DEFAULT_CHEATS = {"correctness": (), "speed": ("threads", "sequential"), "script": ()}


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    lesson: str  # page under docs/, e.g. "bai04-pool.md"
    kind: str  # "correctness", "speed" or "script" (a whole program, run as a program)
    functions: tuple[str, ...]
    hints: tuple[str, ...]
    cheats: tuple[str, ...] = ()  # tests/project/cheats/<kind>/<id>.py the speed check must fail
    python: str = ""  # lowest Python version that can run it, e.g. "3.14"; "" = any
    requires: tuple[str, ...] = ()  # see REQUIREMENTS: what else this Python must offer

    @property
    def available(self) -> bool:
        """Whether this Python can run the exercise at all."""
        return not self.unavailable_reason

    @property
    def unavailable_reason(self) -> str:
        """Why this Python cannot run the exercise, in Vietnamese ("" when it can)."""
        return self._missing()[1]

    @property
    def needs(self) -> str:
        """What this Python lacks, as a short Vietnamese label for tables ("" when available)."""
        return self._missing()[0]

    def _missing(self) -> tuple[str, str]:
        if self.python and sys.version_info[:2] < tuple(int(p) for p in self.python.split(".")):
            return (f"cần Python {self.python}",
                    f"bài này cần Python {self.python} trở lên (bạn đang dùng "
                    f"{platform.python_version()}); hãy bỏ qua, hoặc tạo lại .venv bằng Python "
                    f"{self.python} nếu muốn làm.")
        for requirement in self.requires:
            label, check = REQUIREMENTS[requirement]
            reason = check()
            if reason:
                return label, reason
        return "", ""

    @property
    def file_name(self) -> str:
        return f"{self.id}.py"

    @property
    def test_file(self) -> str:
        return f"test_{self.id}.py"

    @property
    def lesson_url(self) -> str:
        """Path of the lesson page on the site (mkdocs directory URLs)."""
        return self.lesson.removesuffix(".md") + "/"

    @property
    def anchor(self) -> str:
        """HTML id of the exercise's card on its lesson page (set by tangtoc.site_markdown)."""
        return self.id


def _free_threading() -> str:
    if environment.gil_enabled():
        return ("bài này chỉ chấm được trên Python không có GIL (free-threaded, ví dụ "
                "python3.14t) và GIL đang tắt; Python đang chạy "
                f"({environment.python_label()}) có GIL nên bài được bỏ qua, không tính là đạt. "
                "Cách cài python3.14t: xem «tangtoc doctor».")
    return ""


def _extra(modules: tuple[str, ...], extra: str) -> Callable[[], str]:
    def reason() -> str:
        missing = [name for name in modules if importlib.util.find_spec(name) is None]
        if not missing:
            return ""
        return (f"bài này cần gói {', '.join(missing)} (phần tùy chọn [{extra}] của khóa học), "
                f"chưa được cài; cài bằng «.venv/bin/pip install -e '.[{extra}]'» trong thư mục "
                "khóa học rồi chạy lại.")
    return reason


# catalog "requires" -> (short label, a check that says why this Python cannot run the
# exercise, "" when it can)
REQUIREMENTS: dict[str, tuple[str, Callable[[], str]]] = {
    # sys._is_gil_enabled() is False: a free-threaded build (3.13t/3.14t) with the GIL off
    "free-threading": ("cần Python không GIL", _free_threading),
    # the cluster engine: pip install -e '.[cum]'
    "cum": ("cần gói [cum]", _extra(("dask", "distributed"), "cum")),
}


@dataclass(frozen=True)
class Lesson:
    number: int
    title: str  # Vietnamese
    pages: tuple[str, ...]  # under docs/, in course order; the first is the lesson's start

    @property
    def prefix(self) -> str:
        """How the ids of its exercises (and the names of its pages) start: "bai04"."""
        return f"bai{self.number:02d}"


class UnknownExercise(LookupError):
    """Raised for an id that is not in the catalog; the message suggests the closest id."""


class CatalogFormatError(ValueError):
    """The catalog file is of a layout this version of tangtoc cannot read."""


@dataclass(frozen=True)
class Catalog:
    lessons: tuple[Lesson, ...]
    exercises: tuple[Exercise, ...]


def load(path: Path) -> Catalog:
    """The catalog in a catalog.toml (the package's, or a course copy's for `tangtoc dev`)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        found = "không có format_version" if version is None else f"format_version = {version!r}"
        raise CatalogFormatError(
            f"Danh mục bài tập {path} có {found}, nhưng bản tangtoc này chỉ đọc được "
            f"format_version = {FORMAT_VERSION}; hãy cập nhật tangtoc (git pull rồi pip install "
            "-e .) hoặc sửa tệp danh mục cho đúng định dạng.")
    return Catalog(
        lessons=tuple(Lesson(number=e["number"], title=e["title"], pages=tuple(e["pages"]))
                      for e in data.get("lessons", ())),
        exercises=_exercises(data))


@cache
def _package_catalog() -> Catalog:
    return load(CATALOG_FILE)


def exercises() -> tuple[Exercise, ...]:
    return _package_catalog().exercises


def lessons() -> tuple[Lesson, ...]:
    return _package_catalog().lessons


def lesson_of(exercise_id: str, known: tuple[Lesson, ...] | None = None) -> Lesson | None:
    """The lesson an exercise id belongs to, by its number (bai04_dem_tu -> lesson 4)."""
    return next((lesson for lesson in (lessons() if known is None else known)
                 if exercise_id.startswith(lesson.prefix + "_")), None)


def _exercises(data: dict) -> tuple[Exercise, ...]:
    return tuple(
        Exercise(
            id=e["id"],
            title=e["title"],
            lesson=e["lesson"],
            kind=e["kind"],
            functions=tuple(e["functions"]),
            hints=tuple(e["hints"]),
            python=e.get("python", ""),
            requires=tuple(e.get("requires", ())),
            cheats=tuple(e.get("cheats", DEFAULT_CHEATS[e["kind"]])),
        )
        for e in data["exercises"]
    )


def get(exercise_id: str) -> Exercise:
    for exercise in exercises():
        if exercise.id == exercise_id:
            return exercise
    ids = [e.id for e in exercises()]
    close = difflib.get_close_matches(exercise_id, ids, n=1, cutoff=0.4)
    suggestion = f" Có phải bạn muốn nói «{close[0]}»?" if close else ""
    raise UnknownExercise(f"Không có bài tập «{exercise_id}».{suggestion}")


def lesson_title(lesson: str) -> str:
    """The first heading of a lesson page under docs/."""
    for line in (paths.DOCS / lesson).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return lesson

"""The maintainers' commands (CONTRIBUTING.md) on a fresh copy of the course: `tangtoc dev new`
creates an exercise in every place `tangtoc dev check` asks for, never overwrites anything, and
the check names each place that goes missing."""

import re
import shutil
import subprocess
import sys

import pytest
from cli_support import fresh_course, run

from tangtoc import catalog, completeness, paths

NEW = "bai04_thu_nghiem"


@pytest.fixture
def course(tmp_path):
    """A course copy with its own catalog, which `tangtoc dev` reads and writes."""
    course = fresh_course(tmp_path / "khoa_hoc")
    (course / "tangtoc").mkdir()
    shutil.copy(paths.ROOT / "tangtoc" / "catalog.toml", course / "tangtoc")
    return course


def _snapshot(course):
    return {path.relative_to(course).as_posix(): path.read_bytes()
            for path in course.rglob("*") if path.is_file()}


def test_dev_is_left_out_of_the_students_help(course):
    code, output = run(course, "--help")
    assert code == 0 and re.search(r"^\s+check\s", output, re.MULTILINE), output
    assert not re.search(r"^\s+dev\b", output, re.MULTILINE), output
    code, output = run(course, "dev", "--help")
    assert code == 0 and "new" in output and "check" in output, output


def test_new_speed_exercise_has_every_place_and_the_check_names_each_missing_one(course):
    code, output = run(course, "dev", "check")
    assert code == 0 and "✔" in output, output
    code, output = run(course, "dev", "new", NEW, "--kind", "speed")
    assert code == 0, output
    created = ["lessons", "solutions", "tests/project/cheats/threads",
               "tests/project/cheats/sequential"]
    places = [course / folder / f"{NEW}.py" for folder in created] + [
        course / "tests" / "graded" / f"test_{NEW}.py"]
    for path in places:
        assert path.is_file() and path.relative_to(course).as_posix() in output, output

    entries = catalog.load(course / "tangtoc" / "catalog.toml").exercises
    ids = [exercise.id for exercise in entries]
    new = entries[ids.index(NEW)]
    assert (new.kind, new.lesson, new.cheats) == ("speed", "bai04-pool.md",
                                                  ("threads", "sequential"))
    lesson_4 = [i for i in ids if i.startswith("bai04_")]
    assert ids.index(NEW) == ids.index(lesson_4[-1]), "after the last exercise of lesson 4"
    assert ids[ids.index(NEW) + 1].startswith("bai05_")

    code, output = run(course, "dev", "check")
    assert code == 0, output
    assert completeness.PLACEHOLDER in output and f"lessons/{NEW}.py" in output, output
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", "--config",
                           str(paths.ROOT / "pyproject.toml"), "--config",
                           "lint.isort.known-first-party=['tangtoc']", *map(str, places)],
                          capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr

    page = course / "docs" / "bai04-pool.md"
    nav = course / "mkdocs.yml"
    nav_text = nav.read_text(encoding="utf-8")
    for path in [*places, page, nav]:
        saved = path.read_bytes()
        if path == page:
            path.write_text(saved.decode().replace(f"<!-- bai-tap: {NEW} -->", ""))
        elif path == nav:
            path.write_text(nav_text.replace("bai04-process.md", "bai04-process-moi.md"))
        else:
            path.unlink()
        found = completeness.problems(course)
        assert len(found) == 1, (path, found)
        assert path.relative_to(course).as_posix() in found[0], found
        path.write_bytes(saved)
    code, output = run(course, "dev", "check")  # and once through the command
    assert code == 0, output
    (course / "tests" / "project" / "cheats" / "sequential" / f"{NEW}.py").unlink()
    code, output = run(course, "dev", "check")
    assert code == 1 and f"tests/project/cheats/sequential/{NEW}.py" in output, output


def test_new_overwrites_nothing(course):
    mine = course / "lessons" / "bai03_moi.py"
    mine.write_text("# bài của tôi\n", encoding="utf-8")
    before = _snapshot(course)
    code, output = run(course, "dev", "new", "bai03_moi")
    assert code == 2 and "lessons/bai03_moi.py" in output and "không ghi đè" in output, output
    code, output = run(course, "dev", "new", "bai04_dem_tu")
    assert code == 2 and "đã có trong danh mục" in output, output
    assert _snapshot(course) == before


@pytest.mark.parametrize(("args", "says"), [
    (["bai11_moi"], "chưa có bài học"),
    (["Bai4-moi"], "không hợp lệ"),
    (["bai03_moi", "--page", "bai04-pool.md"], "không thuộc bài học 3"),
])
def test_new_refuses_what_it_cannot_place(course, args, says):
    before = _snapshot(course)
    code, output = run(course, "dev", "new", *args)
    assert code == 2 and says in output and output.startswith("Lỗi: "), output
    assert _snapshot(course) == before


def test_a_catalog_of_an_unknown_format_is_refused_in_vietnamese(course):
    catalog_file = course / "tangtoc" / "catalog.toml"
    text = catalog_file.read_text(encoding="utf-8")
    catalog_file.write_text(text.replace("format_version = 1", "format_version = 2", 1),
                            encoding="utf-8")
    code, output = run(course, "dev", "check")
    assert code == 2, output
    assert "format_version = 2" in output and "chỉ đọc được format_version = 1" in output


def test_contributing_shows_options_and_folders_that_exist():
    from tangtoc.cli import build_parser

    text = (paths.ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for line in re.findall(r"^tangtoc dev new [^#\n]*", text, re.MULTILINE):
        assert build_parser().parse_args(line.split()[1:]).id == "bai04_ten_bai", line
    assert all(option in text for option in ("--kind speed", "--page", "--function"))
    args = build_parser().parse_args(["dev", "new", NEW, "--page", "bai04-pool.md",
                                      "--function", "a", "b"])
    assert (args.page, args.functions) == ("bai04-pool.md", ["a", "b"])
    for folder in re.findall(r"`(tests/[\w/]+)/", text):
        assert (paths.ROOT / folder).is_dir(), folder
    assert "tangtoc dev check" in text and "scripts/test.sh" in text

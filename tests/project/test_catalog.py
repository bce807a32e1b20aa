"""The catalog and the exercise files agree: one source of truth, no orphan or drifting file."""

import ast
import re

import pytest
from graded_runs import VIETNAMESE_LETTER, param_id

from tangtoc import catalog, completeness, paths

EXERCISES = catalog.exercises()


def test_catalog_is_well_formed():
    ids = [e.id for e in EXERCISES]
    assert ids and len(ids) == len(set(ids))
    for exercise in EXERCISES:
        assert re.fullmatch(r"bai\d\d_[a-z0-9_]+", exercise.id), exercise.id
        assert exercise.kind in catalog.KINDS
        assert 1 <= len(exercise.hints) <= 3
        assert all(VIETNAMESE_LETTER.search(text) for text in (exercise.title, *exercise.hints))
        assert (paths.DOCS / exercise.lesson).is_file(), exercise.lesson
        assert exercise.functions


def test_every_exercise_has_every_place_it_needs():
    """Stub, reference, graded test, listed cheats, card on its lesson page, a lesson of its
    number; no module outside the catalog; the catalog's lessons are the nav's (the same check
    as `tangtoc dev check`, whose own test is tests/project/test_cli_dev.py)."""
    assert completeness.problems(paths.ROOT) == []
    assert completeness.placeholders(paths.ROOT) == [], "text `tangtoc dev new` left to write"


def test_every_lesson_has_its_exercises_and_pages_in_course_order():
    lessons = catalog.lessons()
    assert [lesson.number for lesson in lessons] == list(range(1, len(lessons) + 1))
    assert all(VIETNAMESE_LETTER.search(lesson.title) for lesson in lessons)
    order = [catalog.lesson_of(exercise.id).number for exercise in EXERCISES]
    assert order == sorted(order), "the catalog lists exercises lesson by lesson"


@pytest.mark.parametrize("version", ["format_version = 2", "", 'format_version = "1"'])
def test_a_catalog_of_an_unknown_format_is_refused_in_vietnamese(tmp_path, version):
    path = tmp_path / "catalog.toml"
    path.write_text(catalog.CATALOG_FILE.read_text(encoding="utf-8").replace(
        "format_version = 1", version, 1), encoding="utf-8")
    with pytest.raises(catalog.CatalogFormatError, match="chỉ đọc được format_version = 1"):
        catalog.load(path)
    assert catalog.load(catalog.CATALOG_FILE).exercises == EXERCISES


def test_cheats_default_to_threads_and_sequential_for_speed_exercises():
    assert catalog.get("bai04_dem_tu").cheats == ("threads", "sequential")


def _top_level(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[node.name] = ast.dump(node)
        elif isinstance(node, ast.Assign):
            names[ast.unparse(node.targets[0])] = ast.dump(node)
    return ast.get_docstring(tree), names


@pytest.mark.parametrize("exercise", EXERCISES, ids=param_id)
def test_stub_gives_the_same_helpers_as_the_solution(exercise):
    stub_doc, stub = _top_level(paths.LESSONS / exercise.file_name)
    _, solution = _top_level(paths.SOLUTIONS / exercise.file_name)
    assert set(exercise.functions) <= set(stub)
    for name, code in solution.items():
        added_by_the_fix = exercise.kind == "script" and name not in stub
        if name not in exercise.functions and not added_by_the_fix:
            assert stub.get(name) == code, f"{name} differs between stub and solution"
    assert VIETNAMESE_LETTER.search(stub_doc) and exercise.lesson in stub_doc


def test_unknown_id_suggests_the_closest():
    with pytest.raises(catalog.UnknownExercise, match="bai04_dem_tu"):
        catalog.get("bai04_demtu")

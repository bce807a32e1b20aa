"""The catalog and the exercise files agree: one source of truth, no orphan or drifting file."""

import ast
import re

import pytest
from graded_runs import CHEATS, VIETNAMESE_LETTER, param_id

from tangtoc import catalog, paths

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


def test_every_exercise_has_stub_solution_and_graded_tests():
    for exercise in EXERCISES:
        for folder in (paths.LESSONS, paths.SOLUTIONS):
            assert (folder / exercise.file_name).is_file()
        assert (paths.TESTS / exercise.test_file).is_file()


def test_no_module_outside_the_catalog():
    known = {e.file_name for e in EXERCISES}
    for folder in (paths.LESSONS, paths.SOLUTIONS):
        assert {p.name for p in folder.glob("*.py")} <= known, folder


def test_every_speed_exercise_has_its_listed_cheats():
    for exercise in EXERCISES:
        assert set(exercise.cheats) <= set(catalog.CHEAT_KINDS), exercise.id
        if exercise.kind == "speed":  # a sequential version must always fail a speed check
            assert "sequential" in exercise.cheats, exercise.id
        else:
            assert not exercise.cheats, exercise.id
        for cheat in exercise.cheats:
            assert (CHEATS / cheat / exercise.file_name).is_file(), (cheat, exercise.id)


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

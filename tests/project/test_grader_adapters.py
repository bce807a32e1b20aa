"""The engines' adapters without running them: the Classroom workflow's structure, the
Gradescope results' extras. (Both run for real in test_classroom_workflow.py and
test_gradescope_bundle.py.)"""

import re

import pytest
import yaml

from tangtoc import catalog
from tangtoc.grader import classroom, gradescope

# The official action names (repositories classroom-resources/autograding-command-grader and
# autograding-grading-reporter; GitHub Classroom's own generated workflows use them at v1).
COMMAND_GRADER = "classroom-resources/autograding-command-grader@v1"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"



def _results(cores: int) -> dict:
    """A results.json as tangtoc.grader.reports writes it: one speed exercise, two tests."""
    def test(phase, status, speedup=None):
        speed = {"speed": {"speedup": speedup}} if speedup else {}
        return {"name": f"bai04_dem_tu › t_{phase}", "score": 0, "max_score": 5,
                "status": "passed" if status == "passed" else "failed", "output": "",
                "extra_data": {"status": status, "exercise": "bai04_dem_tu", "phase": phase,
                               **speed}}
    return {"score": 6, "max_score": 10, "output": "Tổng điểm: 6/10.",
            "tests": [test("correctness", "passed"), test("speed", "passed", 1.84),
                      test("speed", "failed", 1.01)],
            "extra_data": {"machine": {"cores": cores}}}


def test_classroom_workflow_has_the_structure_the_official_actions_read():
    exercises = catalog.exercises()
    workflow = yaml.safe_load(classroom.workflow(exercises, 10, 60))
    assert workflow["permissions"] == {"checks": "write", "actions": "read", "contents": "read"}
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    # Current majors (node24: their action.yml `runs.using`); v4/v5 ran on the retired node20.
    assert [s["uses"] for s in steps[:2]] == ["actions/checkout@v7", "actions/setup-python@v7"]
    graders = [s for s in steps if s.get("uses") == COMMAND_GRADER]
    assert [s["with"]["test-name"] for s in graders] == [e.id for e in exercises]
    for step, exercise in zip(graders, exercises, strict=True):
        inputs = step["with"]
        assert set(inputs) == {"test-name", "command", "timeout", "max-score"}
        assert f"--exercise {exercise.id} " in inputs["command"]
        assert "--require-full" in inputs["command"] and "RUNNER_TEMP" not in inputs["command"]
        assert inputs["max-score"] == 10 and isinstance(inputs["max-score"], int)  # parseInt
        assert isinstance(inputs["timeout"], int) and 12 <= inputs["timeout"] <= 360  # minutes
        assert re.fullmatch(r"[a-zA-Z0-9]+", step["id"])
    reporter = steps[-1]
    assert reporter["uses"] == REPORTER  # not the nonexistent autograding-grader-reporter
    runners = reporter["with"]["runners"].split(",")
    assert runners == [s["id"] for s in graders]
    assert reporter["env"] == {f"{r.upper()}_RESULTS": f"${{{{steps.{r}.outputs.result}}}}"
                               for r in runners}


def test_classroom_points_must_be_whole():
    with pytest.raises(ValueError, match="điểm nguyên"):
        classroom.workflow(catalog.exercises(), 7.5, 60)


def test_gradescope_student_name_falls_back_when_metadata_is_missing(tmp_path):
    assert gradescope.student_name(tmp_path) == "submission"


def test_gradescope_results_get_markdown_numbers_tags_and_a_leaderboard():
    # Fields and values as Gradescope's specification gives them (gradescope/autograder_samples
    # docs/specs.md: output_format "md", tests[].number and tags; docs/leaderboards.md).
    results = gradescope.for_gradescope(_results(cores=2), "# Kết quả chấm bài: an\n", [])
    assert results["output_format"] == "md"
    assert results["output"] == "# Kết quả chấm bài: an\n"
    number = catalog.exercises().index(catalog.get("bai04_dem_tu")) + 1
    assert [t["number"] for t in results["tests"]] == [f"{number}.{k}" for k in (1, 2, 3)]
    assert results["tests"][1]["tags"] == ["bai04_dem_tu", "speed"]
    assert results["leaderboard"] == [
        {"name": "bai04_dem_tu: tăng tốc (×)", "value": 1.84, "order": "desc"}]


def test_gradescope_output_says_what_to_change_when_the_machine_has_one_core():
    results = gradescope.for_gradescope(_results(cores=1), "# Kết quả\n", [])
    assert results["output"].startswith("> ⚠ Máy chấm chỉ có 1 lõi dùng được")
    assert "Autograder Settings" in results["output"] and "ít nhất 2 CPU" in results["output"]
    assert "lõi" not in gradescope.for_gradescope(_results(cores=2), "", [])["output"]

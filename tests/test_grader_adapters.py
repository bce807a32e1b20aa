"""The engines teachers already use: the Gradescope bundle runs for real, the Classroom
workflow calls `tangtoc grade` once per exercise."""

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from grader_cases import EXERCISE, FILE

from tangtoc import catalog, paths
from tangtoc.grader import classroom, gradescope

# The official action names (repositories classroom-resources/autograding-command-grader and
# autograding-grading-reporter; GitHub Classroom's own generated workflows use them at v1).
COMMAND_GRADER = "classroom-resources/autograding-command-grader@v1"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"

TANGTOC = str(Path(sys.executable).with_name("tangtoc"))


def test_gradescope_bundle_grades_a_submission_and_writes_results_json(tmp_path):
    subprocess.run([TANGTOC, "grade-bundle", "--out", str(tmp_path / "goi"), "--exercise",
                    EXERCISE, "--timeout", "20"], check=True, capture_output=True, timeout=120)
    root = tmp_path / "autograder"  # Gradescope's /autograder, moved by TANGTOC_AUTOGRADER_ROOT
    with zipfile.ZipFile(tmp_path / "goi" / "gradescope-autograder.zip") as bundle:
        bundle.extractall(root / "source")
    for script in ("setup.sh", "run_autograder"):
        (root / "source" / script).chmod(0o755)
        subprocess.run(["bash", "-n", str(root / "source" / script)], check=True)
    (root / "submission").mkdir()
    shutil.copyfile(paths.LESSONS / FILE, root / "submission" / FILE)  # the untouched stub
    (root / "submission_metadata.json").write_text(json.dumps(
        {"users": [{"email": "an.nguyen@truong.edu.vn", "name": "Nguyễn An"}]}))
    finished = subprocess.run(
        ["bash", str(root / "source" / "run_autograder")], capture_output=True, text=True,
        timeout=600, env={"PATH": "/usr/bin:/bin", "TANGTOC_AUTOGRADER_ROOT": str(root),
                          "TANGTOC_AUTOGRADER_PYTHON": sys.executable})
    assert finished.returncode == 0, finished.stderr[-3000:]
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert results["score"] == 0 and results["max_score"] == 10
    assert results["extra_data"]["student"] == "an.nguyen"
    assert all(t["status"] == "failed" and "Chưa làm" in t["output"]
               for t in results["tests"] if t["extra_data"]["phase"] == "correctness")


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

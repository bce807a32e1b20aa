"""The engines teachers already use: the Gradescope bundle runs for real, the Classroom
workflow calls `tangtoc grade` once per exercise."""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from grader_cases import EXERCISE, FILE

from tangtoc import catalog, paths
from tangtoc.grader import classroom, gradescope

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


def test_classroom_workflow_grades_each_exercise_with_its_points():
    exercises = catalog.exercises()
    text = classroom.workflow(exercises, 10, 60)
    for exercise in exercises:
        assert f"--exercise {exercise.id}" in text and f"test-name: {exercise.id}" in text
    assert text.count("max-score: 10") == len(exercises)
    assert "--require-full" in text and "autograding-grader-reporter" in text


def test_gradescope_student_name_falls_back_when_metadata_is_missing(tmp_path):
    assert gradescope.student_name(tmp_path) == "submission"

"""Golden results, as exercism's test runner keeps its results.json examples: real grading runs
of one submission per scenario (passing, wrong, timeout, crash, script timeout, not gradable),
compared with tests/project/golden/<class>/ (each student's results.json and feedback.md, and the
class's grades.csv) once volatile fields (times, paths, the machine) are normalised.

After an intended change of statuses, scores or wording: TANGTOC_GOLDEN=write pytest this file,
then read the diff of tests/project/golden/ before committing it.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from grader_cases import FILE, GOLDEN_CASES

from tangtoc import catalog, paths
from tangtoc.grader.batch import Options, grade
from tangtoc.grader.sandbox import Limits
from tangtoc.records import Status

GOLDEN = Path(__file__).parent / "golden"
WRITE = os.environ.get("TANGTOC_GOLDEN") == "write"
SCRIPT = catalog.get("bai08_hang_doi")
# Class "ham": functions of bai04_dem_tu (correctness only: the speed phase is not gradable
# here, which is the not-gradable scenario). Class "chuong_trinh": a script exercise.
CLASSES = {
    "ham": ({name: {FILE: source} for name, source in GOLDEN_CASES.items()},
            {"jobs": 2, "skip_speed": True, "exercises": ("bai04_dem_tu",),
             "limits": Limits(timeout=10)}),
    "chuong_trinh": ({
        "dung": {SCRIPT.file_name: (paths.SOLUTIONS / SCRIPT.file_name).read_text("utf-8")},
        "treo": {SCRIPT.file_name: (paths.LESSONS / SCRIPT.file_name).read_text("utf-8")},
    }, {"exercises": (SCRIPT.id,), "limits": Limits(timeout=30)}),
}
EXPECTED = {  # class, student -> statuses of its tests (a summary of the golden files)
    ("ham", "dung"): {Status.PASSED, Status.NOT_GRADABLE},
    ("ham", "sai"): {Status.FAILED, Status.NOT_GRADABLE},
    ("ham", "treo_khi_rong"): {Status.PASSED, Status.TIMEOUT, Status.NOT_GRADABLE},
    ("ham", "chet_khi_rong"): {Status.PASSED, Status.CRASHED, Status.NOT_GRADABLE},
    ("chuong_trinh", "dung"): {Status.PASSED},
    ("chuong_trinh", "treo"): {Status.TIMEOUT},
}


@pytest.fixture(scope="module", params=sorted(CLASSES))
def graded_class(request, tmp_path_factory):
    submissions, options = CLASSES[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    for student, files in submissions.items():
        for name, text in files.items():
            (folder / "lop" / student).mkdir(parents=True, exist_ok=True)
            (folder / "lop" / student / name).write_text(text, encoding="utf-8")
    graded = grade(Options(folder / "lop", folder / "out", **options))
    return request.param, graded, folder


def normalised(text: str, folder: Path) -> str:
    """Without what changes from run to run: temporary paths, measured times, the machine."""
    text = text.replace(str(folder), "<thư mục>").replace(str(paths.ROOT), "<khóa học>")
    text = re.sub(r"/tmp/[^\s'\"»)`,]+", "<tệp tạm>", text)
    text = re.sub(r"\d+(\.\d+)?(?= ?(giây|s\b))", "<số>", text)  # seconds; scores stay
    return re.sub(r"(?m)^Máy chấm: .*$", "Máy chấm: <máy>", text)


def golden_files(graded, folder: Path) -> dict[str, str]:
    files = {"grades.csv": (graded.out / "grades.csv").read_text(encoding="utf-8")}
    for report in graded.reports:
        results = json.loads((graded.out / report.student / "results.json").read_text("utf-8"))
        del results["execution_time"], results["extra_data"]["machine"]
        files[f"{report.student}/results.json"] = json.dumps(results, ensure_ascii=False,
                                                             indent=1) + "\n"
        files[f"{report.student}/feedback.md"] = (
            graded.out / report.student / "feedback.md").read_text(encoding="utf-8")
    return {name: normalised(text, folder) for name, text in files.items()}


def test_each_scenario_ends_with_its_observed_status(graded_class):
    name, graded, _ = graded_class
    for report in graded.reports:
        statuses = {t.status for t in report.tests}
        assert statuses == EXPECTED[name, report.student], [
            (t.nodeid, t.status, t.message[:200]) for t in report.tests]


def test_a_hung_script_is_graded_timeout_everywhere(graded_class):
    """The untouched stub of bai08_hang_doi joins its producer before draining the queue: it
    hangs, and results.json, feedback.md and grades.csv say "quá thời gian", not "chưa đạt"."""
    name, graded, _ = graded_class
    if name != "chuong_trinh":
        pytest.skip("only the class of the script exercise has a hung program")
    results = json.loads((graded.out / "treo" / "results.json").read_text(encoding="utf-8"))
    assert {t["extra_data"]["status"] for t in results["tests"]} == {"timeout"}
    assert "(quá thời gian)" in (graded.out / "treo" / "feedback.md").read_text("utf-8")
    assert {row["sinh_vien"]: row["trang_thai"] for row in graded.rows}["treo"] == "quá thời gian"


def test_the_reports_match_the_golden_files(graded_class):
    name, graded, folder = graded_class
    produced = golden_files(graded, folder)
    expected_folder = GOLDEN / name
    if WRITE:
        shutil.rmtree(expected_folder, ignore_errors=True)
        for relative, text in produced.items():
            (expected_folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (expected_folder / relative).write_text(text, encoding="utf-8")
    expected = {str(path.relative_to(expected_folder)): path.read_text(encoding="utf-8")
                for path in sorted(expected_folder.rglob("*")) if path.is_file()}
    assert sorted(produced) == sorted(expected)
    for relative, text in produced.items():
        assert text == expected[relative], f"tests/project/golden/{name}/{relative} differs"

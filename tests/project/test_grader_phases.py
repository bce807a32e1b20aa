"""The grader's command, the whole catalog, its speed phase and the one-core case."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from grader_cases import EXERCISE, FILE, REFERENCE, SABOTAGE, write_case

from tangtoc import catalog, cpu_usage, paths
from tangtoc.grader.batch import Options, grade
from tangtoc.grader.sandbox import Limits

TANGTOC = str(Path(sys.executable).with_name("tangtoc"))


def _results(out: Path, student: str) -> dict:
    return json.loads((out / student / "results.json").read_text(encoding="utf-8"))


def test_grade_command_summarises_and_exits_0_whatever_the_scores(tmp_path):
    folder = tmp_path / "lop"
    write_case(folder, "nop_ban_goc", (paths.LESSONS / FILE).read_text(encoding="utf-8"))
    finished = subprocess.run(
        [TANGTOC, "grade", str(folder), "--out", str(tmp_path / "out"), "--timeout", "10",
         "--skip-speed", "--exercise", EXERCISE], capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert "nop_ban_goc" in finished.stdout and "0/10" in finished.stdout
    assert "grades.csv" in finished.stdout and "2/2" in finished.stderr


def test_grade_command_rejects_a_missing_folder_in_vietnamese(tmp_path):
    finished = subprocess.run([TANGTOC, "grade", str(tmp_path / "khong_co"), "--out",
                               str(tmp_path / "out")], capture_output=True, text=True)
    assert finished.returncode == 2 and "không tìm thấy thư mục bài nộp" in finished.stderr


def test_every_kind_of_exercise_in_the_catalog_is_graded_without_grader_changes(tmp_path):
    """Our reference solutions, submitted as one student's folder: every correctness test of
    every catalog exercise passes inside the sandbox, whatever its kind."""
    out = tmp_path / "out"
    graded = grade(Options(paths.SOLUTIONS, out, single="loi_giai", skip_speed=True,
                           limits=Limits(timeout=30)))
    tests = graded.reports[0].tests
    assert {t.exercise for t in tests} == {e.id for e in catalog.exercises() if e.available}
    assert all(e.id in " ".join(graded.warnings) for e in catalog.exercises() if not e.available)
    failing = [(t.nodeid, t.status, t.message[:300]) for t in tests
               if t.phase == "correctness" and t.status != "passed"]
    assert not failing


def test_inside_the_sandbox_every_graded_test_still_fails_the_untouched_stubs(tmp_path):
    """The tests of the tests, as the grader runs them: no check goes blind in the sandbox
    (e.g. one that looks at /dev/shm or at the program's processes)."""
    graded = grade(Options(paths.LESSONS, tmp_path / "out", single="ban_goc", skip_speed=True,
                           limits=Limits(timeout=30)))
    passing = [(t.nodeid, t.message[:200]) for t in graded.reports[0].tests
               if t.phase == "correctness" and t.status == "passed"]
    assert not passing


@pytest.mark.skipif(shutil.which("taskset") is None, reason="needs taskset (util-linux)")
def test_one_usable_core_makes_speed_not_gradable_never_passed(tmp_path):
    folder = tmp_path / "lop"
    write_case(folder, "mot_loi", REFERENCE)
    out = tmp_path / "out"
    finished = subprocess.run(["taskset", "-c", "0", TANGTOC, "grade", str(folder), "--out",
                               str(out), "--timeout", "20", "--exercise", EXERCISE],
                              capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr
    tests = _results(out, "mot_loi")["tests"]
    speed = [t for t in tests if t["extra_data"]["phase"] == "speed"]
    assert speed and all(t["extra_data"]["status"] == "not_gradable" for t in speed)
    assert all(t["score"] == 0 and "không chấm được tốc độ" in t["output"] for t in speed)
    assert "đo lại tốc độ" not in finished.stderr  # one core is no busy machine: no retry


@pytest.mark.speed
def test_speed_phase_full_marks_for_the_reference_not_for_threads_or_sabotage(tmp_path):
    folder = tmp_path / "lop"
    for name in ("dung", "luong"):
        write_case(folder, name)
    write_case(folder, "pha_chuan", SABOTAGE)
    out = tmp_path / "out"
    grade(Options(folder, out, limits=Limits(timeout=30), exercises=(EXERCISE,)))
    reference, threads = _results(out, "dung"), _results(out, "luong")
    sabotage = _results(out, "pha_chuan")
    assert 6 <= sabotage["score"] < 10, sabotage["output"]  # correct, sequential: no speed-up
    assert reference["score"] == reference["max_score"] == 10, reference["output"]
    speed = next(t for t in reference["tests"] if t["extra_data"]["phase"] == "speed")
    measured = speed["extra_data"]["speed"]
    assert measured["baseline_seconds"] and measured["candidate_seconds"]
    assert measured["threshold"] and measured["cores"] >= 2 and measured["start_method"]
    assert 6 <= threads["score"] < 10  # correct, but threads do not reach the speed-up
    feedback = (out / "luong" / "feedback.md").read_text(encoding="utf-8")
    assert "chỉ tăng tốc" in feedback and "Đo tốc độ:" in feedback


@pytest.mark.speed
def test_a_speed_phase_that_found_the_machine_busy_is_measured_again_at_the_end(tmp_path):
    """A whole core taken by something else while the speed phase runs (always "máy đang bận",
    test_busy_machine), gone soon after: the correct student still gets the speed points."""
    folder = tmp_path / "lop"
    write_case(folder, "dung", REFERENCE)
    out = tmp_path / "out"
    progress = []
    with cpu_usage.background_load(1.0):
        grading = subprocess.Popen(
            [TANGTOC, "grade", str(folder), "--out", str(out), "--timeout", "30",
             "--exercise", EXERCISE], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for line in grading.stderr:  # a line per finished step: the first speed phase's
            progress.append(line)
            if "tốc độ: dung" in line:
                break
    progress += grading.stderr.readlines()
    assert grading.wait(timeout=600) == 0, "".join(progress)
    assert any("đo lại tốc độ" in line for line in progress), "".join(progress)
    results = _results(out, "dung")
    assert any("đo lại ở cuối" in note for note in results["extra_data"]["notes"]), results
    assert results["score"] == results["max_score"] == 10, results["output"]

"""The grader's pieces without running student code: intake, scoring, reports, output swap."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from grader_cases import FILE, REFERENCE, write_zip

from tangtoc import catalog
from tangtoc.grader import cgroups, intake, reports, scoring, uid_slots
from tangtoc.grader.grading_tree import GradingTree
from tangtoc.grader.output import OutputFolder
from tangtoc.grader.scoring import GradedTest
from tangtoc.grader.stream_readers import JsonLinesReader, TailReader
from tangtoc.records import Status, TestRecord

EXERCISES = (catalog.get("bai04_dem_tu"),)


def _collect(folder, tmp_path):
    return {s.student: s for s in intake.collect(folder, EXERCISES, tmp_path / "staging")}


def test_folders_zips_and_nested_folders_are_found(tmp_path):
    folder = tmp_path / "lop"
    (folder / "an" / "nop" / "bai").mkdir(parents=True)
    (folder / "an" / "nop" / "bai" / FILE).write_text(REFERENCE, encoding="utf-8")
    write_zip(folder, "binh", {f"binh-bai/{FILE}": REFERENCE, "__MACOSX/._x": "rác"})
    (folder / "ghi_chu.txt").write_text("không phải bài nộp")
    found = _collect(folder, tmp_path)
    assert set(found) == {"an", "binh"}
    for submission in found.values():
        assert not submission.problem
        assert submission.files["bai04_dem_tu"].read_text(encoding="utf-8") == REFERENCE


def test_the_shallowest_copy_wins_and_near_misses_are_explained(tmp_path):
    folder = tmp_path / "lop"
    folder.mkdir()
    write_zip(folder, "chi", {
        FILE: "# bản chính\n", f"cu/{FILE}": "# bản cũ\n", "bai04_dem_tuu.py": "",
    })
    submission = _collect(folder, tmp_path)["chi"]
    assert submission.files["bai04_dem_tu"].read_text() == "# bản chính\n"
    assert any("Có nhiều tệp" in note for note in submission.notes)
    assert any("bai04_dem_tuu.py" in note and FILE in note for note in submission.notes)


@pytest.mark.parametrize(("kind", "problem"), [
    ("bad_zip", "Không mở được tệp nén"), ("empty_zip", "Bài nộp rỗng"),
    ("empty_folder", "Bài nộp rỗng"), ("wrong_name", "Không có tệp bài tập nào đúng tên"),
])
def test_bad_submissions_get_a_vietnamese_problem_not_a_crash(tmp_path, kind, problem):
    folder = tmp_path / "lop"
    folder.mkdir()
    if kind == "bad_zip":
        (folder / "dung.zip").write_bytes(b"PK\x03\x04 hong")
    elif kind == "empty_zip":
        write_zip(folder, "dung", {})
    elif kind == "empty_folder":
        (folder / "dung").mkdir()
    else:
        write_zip(folder, "dung", {"bai4.py": REFERENCE})
    assert problem in _collect(folder, tmp_path)["dung"].problem


def test_hostile_archives_cannot_escape_or_explode(tmp_path):
    folder = tmp_path / "lop"
    folder.mkdir()
    archive = folder / "em.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(f"../../{FILE}", REFERENCE)  # zip slip: read by name, never extracted
        zipped.writestr("bom/lon.py", b"0" * (intake.MAX_FILE_BYTES + 10))
        link = zipfile.ZipInfo("link.py")
        link.external_attr = 0o120777 << 16
        zipped.writestr(link, "/etc/passwd")
    submission = _collect(folder, tmp_path)["em"]
    assert submission.files["bai04_dem_tu"].parent == tmp_path / "staging" / "em"
    assert not (tmp_path / FILE).exists()


def test_symbolic_links_in_a_folder_are_not_followed(tmp_path):
    folder = tmp_path / "lop" / "giang"
    folder.mkdir(parents=True)
    secret = tmp_path / "bi_mat.py"
    secret.write_text("# của giáo viên")
    os.symlink(secret, folder / FILE)
    submission = _collect(folder.parent, tmp_path)["giang"]
    assert submission.problem and not submission.files


def test_duplicate_names_keep_one_and_say_so(tmp_path):
    folder = tmp_path / "lop"
    (folder / "hoa").mkdir(parents=True)
    (folder / "hoa" / FILE).write_text(REFERENCE)
    write_zip(folder, "hoa", {FILE: REFERENCE})
    found = intake.collect(folder, EXERCISES, tmp_path / "staging")
    assert len(found) == 1 and "hai bài nộp cùng tên" in found[0].notes[0]


@pytest.mark.parametrize(("speedup", "fraction"), [
    (1.0, 0.0), (1.15, 0.0), (1.225, 0.5), (1.30, 1.0), (2.0, 1.0), (None, 0.0),
])
def test_speed_credit_is_linear_between_the_noise_band_and_the_threshold(speedup, fraction):
    assert scoring.speed_fraction(speedup, 1.30) == pytest.approx(fraction)


# What a slow parallel pool measures: its cores worked, and it is faster with its workers
# than with one (tangtoc.verdict.parallel_work_shown).
WORKERS_DID_THE_WORK = {"parallelism": "processes", "cores_needed": 1.2, "cpu_cores_used": 1.9,
                        "self_speedup": 1.4, "one_worker_waited": False}


def _tests(statuses, speed=None, **evidence):
    tests = [GradedTest("bai04_dem_tu", f"t::c{i}", "correctness", s)
             for i, s in enumerate(statuses)]
    measured = {"speedup": speed, "threshold": 1.3, "workers": 2, "cores": 2,
                **WORKERS_DID_THE_WORK, **evidence}
    speed_test = GradedTest("bai04_dem_tu", "t::s", "speed", "failed",
                            properties={"speed": measured})
    return [*tests, speed_test]


def test_speed_points_only_when_every_correctness_test_passed():
    exercise = EXERCISES[0]
    correct = _tests(["passed", "passed"], speed=1.225)
    scoring.score_exercise(exercise, correct)
    assert sum(t.score for t in correct) == pytest.approx(6 + 2)
    wrong = _tests(["passed", "failed"], speed=2.0)
    scoring.score_exercise(exercise, wrong)
    assert sum(t.score for t in wrong) == pytest.approx(3)
    assert sum(t.max_score for t in wrong) == pytest.approx(10)


@pytest.mark.parametrize("evidence", [
    {"cpu_cores_used": 1.0},  # sequential code a little faster than ours
    {"self_speedup": 1.0},  # a burner beside it: no faster with two workers than with one
    {"self_speedup": None},  # never timed against itself
    {"one_worker_waited": True},  # slower with one worker only because it slept there
    {"parallelism": None, "cores_needed": None},  # a report that says nothing: fail closed
])
def test_no_partial_speed_credit_without_the_evidence_a_pass_needs(evidence):
    tests = _tests(["passed"], speed=1.225, **evidence)
    scoring.score_exercise(EXERCISES[0], tests)
    assert tests[-1].score == 0.0


def test_partial_speed_credit_of_io_checks_needs_no_cores():
    tests = _tests(["passed"], speed=1.225, parallelism="io", cores_needed=None,
                   cpu_cores_used=None, self_speedup=None)
    scoring.score_exercise(EXERCISES[0], tests)
    assert tests[-1].score == pytest.approx(2)


def test_no_speed_credit_for_a_fast_answer_on_one_core():
    tests = _tests(["passed"], speed=1.65)
    tests[-1].properties["speed"]["proof_failed"] = True
    scoring.score_exercise(EXERCISES[0], tests)
    assert tests[-1].score == 0.0


@pytest.mark.parametrize(("record", "status"), [
    ({"outcome": "passed", "status": "passed"}, "passed"),
    ({"outcome": "failed", "status": "timeout", "message": "Số đếm khác"}, "timeout"),
    ({"outcome": "failed", "message": "bài chạy quá lâu (quá thời gian 5 giây)"}, "error"),
    ({"outcome": "failed", "status": "?"}, "error"),
])
def test_statuses_are_read_from_the_records_never_from_their_messages(record, status):
    assert TestRecord.from_dict(record).status == status


def _report(student="an", statuses=("passed",)):
    report = reports.StudentReport(student, f"{student}.zip", machine={"cores": 2})
    report.tests = _tests(list(statuses), speed=1.5)
    scoring.score_exercise(EXERCISES[0], report.tests)
    return report


def test_results_json_follows_gradescope_and_keeps_the_full_status():
    data = reports.results_json(_report(statuses=("passed", "timeout")))
    assert data["score"] == 3 and data["max_score"] == 10
    statuses = [(t["status"], t["extra_data"]["status"]) for t in data["tests"]]
    assert statuses == [("passed", "passed"), ("failed", "timeout"), ("failed", "failed")]
    assert data["tests"][2]["extra_data"]["speed"]["threshold"] == 1.3


def test_a_test_that_ran_two_speed_checks_keeps_the_figures_of_both():
    report = _report()
    first = {"speedup": 1.9, "threshold": 1.3, "workers": 2, "cores": 2, "start_method": "fork",
             "baseline_seconds": [1.2, 1.1], "candidate_seconds": [0.61, 0.6]}
    second = {**first, "speedup": 1.4, "versus": "bản gửi bảng theo đối số",
              "baseline_seconds": [0.9, 0.95], "candidate_seconds": [0.66, 0.64]}
    report.tests[-1].properties = {"speed": second, "speed_checks": [first, second]}
    extra = reports.results_json(report)["tests"][-1]["extra_data"]
    assert extra["speed_checks"] == [first, second] and extra["speed"] == second
    text = reports.feedback_markdown(report)
    assert "bản tuần tự min 1.100" in text and "bản gửi bảng theo đối số min 0.900" in text, text


def test_feedback_is_vietnamese_with_hints_for_what_failed():
    text = reports.feedback_markdown(_report(statuses=("failed",)))
    assert "Tổng điểm: 0/10" in text and "Gợi ý:" in text and "chưa đạt" in text


def test_feedback_says_a_shared_failure_once_and_lists_different_ones():
    missing = _report(statuses=("failed", "failed"))
    for test in missing.tests:
        test.message, test.properties = "Không nộp tệp bai04_dem_tu.py.", {}
    text = reports.feedback_markdown(missing)
    assert text.count("Không nộp tệp") == 1 and "Cả 3 bài kiểm tra (chưa đạt)" in text
    assert "Gợi ý:" in text
    different = reports.feedback_markdown(_report(statuses=("failed", "timeout")))
    assert different.count("- ✘ `") == 3 and "Cả " not in different


def test_a_rerun_swaps_the_output_and_keeps_the_previous_one(tmp_path):
    out = tmp_path / "out"
    for round_number, students in enumerate((["an", "binh"], ["an"])):
        folder = OutputFolder(out, keep_previous=False)
        graded = [_report(student) for student in students]
        for report in graded:
            reports.write_student(folder.student_folder(report.student), report)
        reports.write_gradebook(folder.staging, ["bai04_dem_tu"], graded)
        backup = folder.commit()
        assert (backup is None) == (round_number == 0)
    assert sorted(p.name for p in out.iterdir()) == ["an", "grades.csv"]
    assert (backup / "binh" / "results.json").is_file()
    assert out.stat().st_mode & 0o777 == 0o700  # every student's results: the teacher's only


def test_graded_through_sudo_the_output_is_the_teacher_s(tmp_path, monkeypatch):
    if os.geteuid() != 0:
        pytest.skip("needs root to change owners")
    monkeypatch.setenv("SUDO_UID", "4321")
    monkeypatch.setenv("SUDO_GID", "4322")
    folder = OutputFolder(tmp_path / "out", keep_previous=False)
    reports.write_student(folder.student_folder("an"), _report("an"))
    assert folder.commit() is None  # no previous output
    owners = {(p.stat().st_uid, p.stat().st_gid) for p in [tmp_path / "out",
                                                           *(tmp_path / "out").rglob("*")]}
    assert owners == {(4321, 4322)}


def test_a_partial_rerun_keeps_the_other_students(tmp_path):
    out = tmp_path / "out"
    first = OutputFolder(out, keep_previous=False)
    for student in ("an", "binh"):
        reports.write_student(first.student_folder(student), _report(student))
    first.commit()
    again = OutputFolder(out, keep_previous=True)
    regraded = _report("an", ("failed",))
    reports.write_student(again.student_folder("an"), regraded)
    rows = reports.write_gradebook(again.staging, ["bai04_dem_tu"], [regraded])
    out.chmod(0o755)  # as an older version left it
    again.commit()
    assert out.stat().st_mode & 0o777 == 0o700
    assert {row["sinh_vien"]: row["tong"] for row in rows} == {"an": 0.0, "binh": 10.0}
    assert {row["sinh_vien"]: row["trang_thai"] for row in rows} == {
        "an": "chưa đạt", "binh": "chưa đạt"}
    assert json.loads((out / "binh" / "results.json").read_text())["score"] == 10


def test_feedback_results_and_gradebook_show_the_one_status_of_the_student(tmp_path):
    untimed = _report("an")
    untimed.tests[-1].status = Status.NOT_GRADABLE
    crashed = _report("binh", ("passed", "crashed"))
    for report, words in ((untimed, "đạt, chưa đo được tốc độ"), (crashed, "bị dừng")):
        reports.write_student(tmp_path / report.student, report)
        assert f"({words})." in (tmp_path / report.student / "feedback.md").read_text()
        results = json.loads((tmp_path / report.student / "results.json").read_text())
        assert results["extra_data"]["overall_status"] == words
    rows = reports.write_gradebook(tmp_path, ["bai04_dem_tu"], [untimed, crashed])
    assert [row["trang_thai"] for row in rows] == ["đạt, chưa đo được tốc độ", "bị dừng"]


def test_entries_that_once_aborted_a_batch_stay_in_their_own_report(tmp_path):
    """A folder named like the gradebook, a huge sparse exercise file, a zip declaring
    300 000 entries: each becomes its student's problem or note, quickly, never an exception."""
    folder = tmp_path / "lop"
    (folder / "grades.csv").mkdir(parents=True)
    (folder / "grades.csv" / FILE).write_text(REFERENCE, encoding="utf-8")
    (folder / "thua").mkdir()
    with open(folder / "thua" / FILE, "wb") as sparse:
        sparse.truncate(4 * 2**30)  # 4 GiB of holes: never read
    with zipfile.ZipFile(folder / "nhieu_tep.zip", "w") as zipped:
        for index in range(300_000):
            zipped.writestr(f"{index}.txt", "")
    found = _collect(folder, tmp_path)
    assert found["grades.csv_sv"].files, "a student id equal to an output file is renamed"
    assert "bai04_dem_tu" not in found["thua"].files
    assert any("lớn hơn" in note for note in found["thua"].notes)
    assert "quá nhiều tệp (300000)" in found["nhieu_tep"].problem


def test_the_entry_count_is_read_before_the_archive_is_parsed(tmp_path, monkeypatch):
    folder = tmp_path / "lop"
    folder.mkdir()
    write_zip(folder, "dem", {f"{i}.txt": "" for i in range(intake.MAX_ARCHIVE_MEMBERS + 1)})
    monkeypatch.setattr(zipfile.ZipFile, "infolist", lambda self: pytest.fail("parsed"))
    assert "quá nhiều tệp" in _collect(folder, tmp_path)["dem"].problem


def test_a_zip_lying_about_its_entry_count_is_refused_before_it_is_parsed(tmp_path,
                                                                          monkeypatch):
    folder = tmp_path / "lop"
    folder.mkdir()
    archive = write_zip(folder, "doi", {f"{i}": "" for i in range(120_000)})
    data = bytearray(archive.read_bytes())
    end = data.rfind(intake.END_OF_CENTRAL_DIRECTORY)
    data[end + 8:end + 12] = (1).to_bytes(2, "little") * 2  # "one entry"
    archive.write_bytes(data)
    monkeypatch.setattr(zipfile.ZipFile, "infolist", lambda self: pytest.fail("parsed"))
    assert "danh mục của tệp nén quá lớn" in _collect(folder, tmp_path)["doi"].problem


def test_odd_file_names_are_escaped_in_what_the_teacher_reads(tmp_path):
    """A name that is not UTF-8 once aborted the writing of every report; control characters
    in a name rewrote the teacher's terminal."""
    folder = tmp_path / "lop"
    (folder / "la").mkdir(parents=True)
    (folder / "la" / FILE).write_text(REFERENCE, encoding="utf-8")
    (folder / "la" / os.fsdecode(b"bai04_dem_tu\xff.py")).write_text("")
    (folder / "la" / "bai04_dem_tu\r\x1b[2K.py").write_text("")
    found = _collect(folder, tmp_path)["la"]
    assert found.files and len(found.notes) == 2, found.notes
    assert all(note.isprintable() for note in found.notes), found.notes
    assert any("\\udcff" in note for note in found.notes), found.notes
    report = reports.StudentReport("la", "la", notes=found.notes)
    report.tests = _tests(["failed"], speed=1.0)
    report.tests[0].message = "ValueError: \udcff"  # what a submission may raise
    reports.write_student(tmp_path / "out", report)
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert len(results["tests"]) == 2 and (tmp_path / "out" / "feedback.md").is_file()


def test_cgroups_left_by_a_killed_judge_are_found_by_name_and_removed():
    made = [cgroups.create(f"tangtoc-test-{n}", 8, 2**26) for n in range(2)]
    if None in made:
        pytest.skip("needs root and a writable cgroup hierarchy")
    sleeper = subprocess.Popen(["sleep", "60"])
    for procs in made[0].procs_files:
        Path(procs).write_text(str(sleeper.pid))
    found = cgroups.named("tangtoc-test-")
    assert {folder.name for folder in found.folders} == {"tangtoc-test-0", "tangtoc-test-1"}
    found.kill_all()
    found.remove()
    assert sleeper.wait(timeout=10) == -9
    assert not cgroups.named("tangtoc-test-").folders


@pytest.mark.skipif(os.geteuid() != 0, reason="cần quyền root: chỉ khi đó mới đổi uid")
def test_two_grading_runs_at_once_never_share_a_uid_slot(tmp_path):
    """Processes are counted per uid: a fork bomb in one run must not starve another run."""
    with uid_slots.claimed(2, tmp_path) as first, uid_slots.claimed(3, tmp_path) as second:
        assert len(first) == 2 and len(second) == 3 and not set(first) & set(second)
        held = subprocess.run(  # another process (another grader) sees them held too
            [sys.executable, "-c", "import sys; from pathlib import Path; "
             "from tangtoc.grader import uid_slots\n"
             "with uid_slots.claimed(1, Path(sys.argv[1])) as s: print(s[0])", str(tmp_path)],
            capture_output=True, text=True, check=True)
        assert int(held.stdout) not in set(first) | set(second)
    with uid_slots.claimed(1, tmp_path) as again:  # released at the end of a run
        assert again == [0]


def test_slots_never_share_a_uid_even_with_their_baselines():
    uids = [uid for slot in range(uid_slots.MAX_SLOTS)
            for uid in (uid_slots.candidate_uid(slot), uid_slots.candidate_uid(slot) + 1)]
    assert len(set(uids)) == len(uids) and min(uids) > 0


def test_the_tree_holds_read_only_copies_and_notices_a_changed_one(tmp_path):
    staged = tmp_path / "nop.py"
    staged.write_text(REFERENCE, encoding="utf-8")
    tree = GradingTree.build(tmp_path / "an", {"bai04_dem_tu": staged})
    copy = tree.target / "bai04_dem_tu.py"
    assert copy.read_text(encoding="utf-8") == REFERENCE and copy.stat().st_mode & 0o777 == 0o644
    assert tree.home.stat().st_mode & 0o777 == 0o700 and not any(tree.work.iterdir())
    before = tree.fingerprint()
    (tree.target / "__pycache__").mkdir()
    (tree.target / "__pycache__" / "x.pyc").write_bytes(b"bytecode")
    assert tree.fingerprint() == before
    (tree.target / "moi.py").write_text("x = 1")
    assert tree.fingerprint() != before


def _read_with(make_reader, data: bytes):
    """A reader of a pipe, once `data` went through it (a big write blocks until read)."""
    read_end, write_end = os.pipe()
    reader = make_reader(os.fdopen(read_end, "rb"))
    with os.fdopen(write_end, "wb") as stream:
        stream.write(data)
    reader.join(timeout=30)
    assert not reader.is_alive()
    return reader


def test_the_judge_s_stream_keeps_its_json_objects_and_skips_the_rest():
    data = b'{"a": 1}\nrac\n[1]\n' + b"x" * 3_000_000 + b'\n{"b": 2}\n'
    assert _read_with(JsonLinesReader, data).messages == [{"a": 1}, {"b": 2}]


def test_only_the_tail_of_a_huge_output_is_kept():
    tail = _read_with(lambda stream: TailReader(stream, 100), "đ".encode() * 2_000_000 + b"CUOI")
    assert len(tail.tail) <= 400 and tail.text() == "đ" * 96 + "CUOI"

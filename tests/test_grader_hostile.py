"""The grader on a class of honest, wrong and hostile submissions (issue 8, item 7).

One batch grades them all (correctness only, small limits, two at a time); every student must
get the right statuses and a complete report, the batch must finish, the submissions must stay
unchanged, and nothing may be left running or in /dev/shm.
"""

import hashlib
import json
import time
from pathlib import Path

import pytest
from grader_cases import (
    CASES,
    DAEMON_MARK,
    EXERCISE,
    FILE,
    REFERENCE,
    SHM_PREFIX,
    write_class,
    write_zip,
)

from tangtoc.grader.batch import Options, grade
from tangtoc.grader.sandbox import Limits

LIMITS = Limits(timeout=10, memory_bytes=768 * 2**20, max_processes=32)
ARCHIVES = {  # name -> (members, expected problem text or None)
    "nen_long": ({f"bai_lam/{FILE}": REFERENCE, "bai_lam/ghi_chu.txt": "xin chào"}, None),
    "nen_hong": (None, "Không mở được tệp nén"),
    "nen_rong": ({}, "Bài nộp rỗng"),
    "sai_ten": ({"bai4_dem_tu.py": REFERENCE}, "Không có tệp bài tập nào đúng tên"),
}


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = write_class(tmp_path_factory.mktemp("bai_nop") / "lop", CASES)
    for name, (members, _) in ARCHIVES.items():
        if members is None:
            (folder / f"{name}.zip").write_bytes(b"PK\x03\x04 hong roi")
        else:
            write_zip(folder, name, members)
    before = _digest(folder)
    out = tmp_path_factory.mktemp("ket_qua") / "out"
    graded = grade(Options(folder, out, jobs=2, limits=LIMITS, skip_speed=True,
                           exercises=(EXERCISE,)))
    return {"graded": graded, "out": out, "folder": folder, "before": before,
            "reports": {r.student: r for r in graded.reports}}


@pytest.mark.parametrize("name", CASES)
def test_each_submission_gets_the_right_status(batch, name):
    report = batch["reports"][name]
    statuses = {t.status for t in report.tests if t.phase == "correctness"}
    assert statuses and statuses <= CASES[name][1], [(t.name, t.status, t.message[:200])
                                                     for t in report.tests]
    if CASES[name][1] != {"passed"}:
        assert report.score == 0


@pytest.mark.parametrize("name", ARCHIVES)
def test_archives_and_bad_submissions_are_reported_in_vietnamese(batch, name):
    report = batch["reports"][name]
    expected = ARCHIVES[name][1]
    if expected is None:
        assert {t.status for t in report.tests if t.phase == "correctness"} == {"passed"}, [
            (t.name, t.status, t.message[:300]) for t in report.tests if t.status != "passed"]
    else:
        assert expected in report.problem and report.score == 0
        assert all(t.status == "failed" and expected in t.message for t in report.tests)


def test_every_student_has_a_complete_report_and_a_gradebook_row(batch):
    out = batch["out"]
    students = set(CASES) | set(ARCHIVES)
    rows = (out / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("sinh_vien,bai04_dem_tu,")
    assert {row.split(",")[0] for row in rows[1:]} == students
    for student in students:
        results = json.loads((out / student / "results.json").read_text(encoding="utf-8"))
        assert {"score", "max_score", "execution_time", "output", "tests"} <= set(results)
        assert results["tests"], student
        for test in results["tests"]:
            assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
            assert test["status"] in ("passed", "failed")
            assert test["extra_data"]["status"] in (
                "passed", "failed", "timeout", "crashed", "error", "not_gradable")
        assert "# Kết quả chấm bài" in (out / student / "feedback.md").read_text("utf-8")
    assert not list(out.parent.glob(".out.dang-cham-*")), "staging folder left behind"


def test_huge_output_does_not_bloat_the_report(batch):
    assert (batch["out"] / "in_nhieu" / "results.json").stat().st_size < 100_000


def test_submissions_are_never_modified(batch):
    assert _digest(batch["folder"]) == batch["before"]


def test_nothing_is_left_running_or_in_dev_shm(batch):
    markers = [DAEMON_MARK, *(f"/trees/{name}/" for name in
                              ("vong_lap", "khoa_chet", "bom_tien_trinh", "tien_trinh_ngam"))]
    deadline = time.monotonic() + 10  # killed processes may take a moment to be reaped
    while (alive := {m: _processes_with(m) for m in markers if _processes_with(m)}) and \
            time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive, {m: [_describe(pid) for pid in pids] for m, pids in alive.items()}
    assert not [p for p in Path("/dev/shm").iterdir() if p.name.startswith(SHM_PREFIX)]


def _describe(pid: int) -> str:
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        return f"{pid}: " + " ".join(line for line in status if line.split(":")[0] in
                                     ("State", "PPid")) + " " + \
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:150]
    except OSError:
        return f"{pid}: gone"


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8",
                                                                                   "replace")
            status = (entry / "status").read_text()
        except OSError:
            continue
        if marker in cmdline and "State:\tZ" not in status:
            found.append(int(entry.name))
    return found

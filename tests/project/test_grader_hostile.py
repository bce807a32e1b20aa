"""The grader on a class of honest, wrong and hostile submissions (issues 8 and 15).

One batch grades them all (correctness only, small limits, two at a time) in a single test, so
pytest-xdist never runs it twice at once: every student must get the right statuses and a
complete report, the batch must finish, the submissions must stay unchanged, nothing the batch
started may be left running or in /dev/shm, nothing may be written outside the batch's folders
(the course, its Python, /tmp, /root) and nothing may leave through the network.
"""

import hashlib
import json
import os
import site
import socket
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from grader_cases import (
    CASES,
    DAEMON_MARK,
    EXERCISE,
    FILE,
    PLANT_PLACES,
    PLANTED,
    REFERENCE,
    SHM_PREFIX,
    sending_case,
    write_case,
    write_class,
    write_zip,
)

from tangtoc import paths
from tangtoc.grader.batch import Options, grade
from tangtoc.grader.sandbox import Limits

# Submissions that hang cost their whole limit (and one spins a core): a short one for them; a
# generous one for the others, which must never time out on a loaded CI machine.
HANGING = ("vong_lap", "khoa_chet", "bom_tien_trinh")
SHORT = Limits(timeout=4, memory_bytes=768 * 2**20, max_processes=32)
LONG = Limits(timeout=40, memory_bytes=768 * 2**20, max_processes=32)
ARCHIVES = {  # name -> (members, expected problem text or None)
    "nen_long": ({f"bai_lam/{FILE}": REFERENCE, "bai_lam/ghi_chu.txt": "xin chào"}, None),
    "nen_hong": (None, "Không mở được tệp nén"),
    "nen_rong": ({}, "Bài nộp rỗng"),
    "sai_ten": ({"bai4_dem_tu.py": REFERENCE}, "Không có tệp bài tập nào đúng tên"),
}
STATUSES = ("passed", "failed", "timeout", "crashed", "error", "not_gradable")


def test_a_hostile_class_is_graded_safely_and_completely(tmp_path):
    folder = write_class(tmp_path / "lop", CASES)
    listener = _Listener()
    write_case(folder, "gui_ra_ngoai", sending_case(listener.port))
    cases = {**CASES, "gui_ra_ngoai": (None, {"passed"})}
    course_before, planted_before = _course_digest(), _planted()
    for name, (members, _) in ARCHIVES.items():
        if members is None:
            (folder / f"{name}.zip").write_bytes(b"PK\x03\x04 hong roi")
        else:
            write_zip(folder, name, members)
    before = _digest(folder)
    work = tmp_path / "work"
    work.mkdir()
    out = tmp_path / "out"
    others = tuple(sorted(set(cases) - set(HANGING) | set(ARCHIVES)))
    for limits, only, jobs in ((LONG, others, 2), (SHORT, HANGING, 1)):
        graded = grade(Options(folder, out, jobs=jobs, limits=limits, skip_speed=True,
                               exercises=(EXERCISE,), work_parent=work, only=only))
    reports = {report.student: report for report in graded.reports}
    reports.update(_reread(out, others))
    wrong = {name: _wrong_statuses(reports[name], expected)
             for name, (_, expected) in cases.items()}
    assert not {name: found for name, found in wrong.items() if found}
    hung = [t for t in reports["vong_lap"].tests if t.status == "timeout"]  # structured, not
    assert any(t.properties.get("call", {}).get("status") == "timeout" for t in hung)  # phrases
    for name, (_, problem) in ARCHIVES.items():
        _check_archive(reports[name], problem)
    _check_outputs(out, set(cases) | set(ARCHIVES))
    assert _digest(folder) == before, "a submission was modified"
    _check_nothing_left(work)
    assert _course_digest() == course_before, "the course or its Python was written to"
    assert _planted() == planted_before, "a submission planted files outside its sandbox"
    assert listener.received == [], "a submission sent data over the network"
    big = [t for t in reports["ket_qua_phinh"].tests if t.phase == "correctness"]
    assert all("kết quả quá lớn" in t.message for t in big), [t.message for t in big]


class _Listener(threading.Thread):
    """A TCP server of the grader's machine that records whatever reaches it."""

    def __init__(self):
        super().__init__(daemon=True)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received: list[bytes] = []
        self.start()

    def run(self) -> None:
        while True:
            connection, _ = self.server.accept()
            with connection:
                self.received.append(connection.recv(1 << 16))


def _course_digest() -> str:
    """The course's own files and the names in its Python's folders (a .pth, a module)."""
    digest = hashlib.sha256()
    for part in ("tangtoc", *paths.EXERCISE_PARTS):
        digest.update(_digest(paths.ROOT / part, skip="__pycache__").encode())
    for folder in {sys.prefix, sys.base_prefix, *site.getsitepackages()}:
        digest.update(" ".join(sorted(os.listdir(folder))).encode())
    return digest.hexdigest()


def _planted() -> list[str]:
    return sorted(str(Path(place) / name) for place in PLANT_PLACES for name in PLANTED
                  if (Path(place) / name).exists())


def _reread(out: Path, students) -> dict:
    """Reports of the first batch, from its results.json (the second batch kept them)."""
    reports = {}
    for student in students:
        data = json.loads((out / student / "results.json").read_text(encoding="utf-8"))
        reports[student] = SimpleNamespace(
            problem=data["extra_data"]["problem"], score=data["score"],
            tests=[SimpleNamespace(name=t["name"], status=t["extra_data"]["status"],
                                   message=t["output"], phase=t["extra_data"]["phase"])
                   for t in data["tests"]])
    return reports


def _wrong_statuses(report, expected: set[str]) -> list:
    statuses = {t.status for t in report.tests if t.phase == "correctness"}
    if statuses and statuses <= expected and (expected == {"passed"} or report.score == 0):
        return []
    unexpected = [t for t in report.tests if t.status not in expected]  # the cause first
    return [(t.name, t.status, t.message[:600]) for t in unexpected or report.tests]


def _check_archive(report, problem: str | None) -> None:
    if problem is None:
        assert {t.status for t in report.tests if t.phase == "correctness"} == {"passed"}, [
            (t.name, t.status, t.message[:300]) for t in report.tests if t.status != "passed"]
    else:
        assert problem in report.problem and report.score == 0, report.problem
        assert all(t.status == "failed" and problem in t.message for t in report.tests)


def _check_outputs(out: Path, students: set[str]) -> None:
    rows = (out / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith(f"sinh_vien,{EXERCISE},")
    assert {row.split(",")[0] for row in rows[1:]} == students
    for student in students:
        results = json.loads((out / student / "results.json").read_text(encoding="utf-8"))
        assert {"score", "max_score", "execution_time", "output", "tests"} <= set(results)
        assert results["tests"], student
        for test in results["tests"]:
            assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
            assert test["status"] in ("passed", "failed")
            assert test["extra_data"]["status"] in STATUSES
        assert "# Kết quả chấm bài" in (out / student / "feedback.md").read_text("utf-8")
    assert (out / "in_nhieu" / "results.json").stat().st_size < 100_000, "output not bounded"
    assert not list(out.parent.glob(".out.dang-cham-*")), "staging folder left behind"


def _check_nothing_left(work: Path) -> None:
    deadline = time.monotonic() + 10  # killed processes may take a moment to be reaped
    while (alive := _processes_of(work)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive, alive
    assert not [p for p in Path("/dev/shm").iterdir() if p.name.startswith(SHM_PREFIX)]
    assert not list(work.iterdir()), "temporary trees left behind"
    links = [link for link in Path("/tmp").glob("tangtoc-*") if link.is_symlink()
             and str(work) in os.readlink(link)]
    assert not links, "short TMPDIR links left behind"


def _processes_of(work: Path) -> dict[int, str]:
    """Live processes of this batch: started in its trees, or the submission's daemon."""
    found = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            cwd = os.readlink(entry / "cwd")
            state = (entry / "status").read_text().split("State:\t")[1][0]
        except (OSError, IndexError):
            continue
        mine = str(work) in command or cwd.startswith(str(work)) or (
            DAEMON_MARK in command and str(work) in cwd)
        if mine and state != "Z":
            found[int(entry.name)] = f"{state} {command[:150]}"
    return found


def _digest(folder: Path, skip: str = "") -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if skip and skip in path.parts:
            continue
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_the_attacks_are_real_without_the_sandbox(tmp_path):
    """Tests of the tests: graded with --khong-cach-ly, the copying and the sending
    submissions succeed, so the batch above would catch a sandbox that let them through."""
    listener = _Listener()
    folder = tmp_path / "lop"
    write_case(folder, "chep_bai", CASES["chep_bai"][0])
    write_case(folder, "gui_ra_ngoai", sending_case(listener.port))
    graded = grade(Options(folder, tmp_path / "out", limits=LONG, skip_speed=True,
                           exercises=(EXERCISE,), work_parent=tmp_path, no_sandbox=True))
    copied = next(r for r in graded.reports if r.student == "chep_bai")
    assert "passed" in {t.status for t in copied.tests if t.phase == "correctness"}
    assert any(b"def count_words_parallel" in data for data in listener.received)
    assert "KHÔNG" in (tmp_path / "out" / "chep_bai" / "feedback.md").read_text("utf-8")


DISK_FILLER = '''

import os as _os

_honest_predict_parallel = predict_parallel


def predict_parallel(inputs, build_log, workers=2):
    """Correct, after writing 14 files of 50 MiB (each below the file size limit) into the
    judge's writable log folder."""
    block = b"x" * (50 * 2**20)
    for number in range(14):
        with open(_os.path.join(build_log, f"rac-{number}.bin"), "wb") as stream:
            stream.write(block)
    return _honest_predict_parallel(inputs, build_log, workers)
'''


@pytest.mark.skipif(os.geteuid() != 0, reason="the judge's own mounts need root")
def test_a_call_cannot_fill_the_grader_s_disk_through_a_writable_folder(tmp_path):
    """bai05's log folder, the one the judge lets calls write into, is a small tmpfs of the
    judge's own (attack review, Dec 2026: 700 MiB per call landed on the teacher's disk)."""
    reference = (paths.SOLUTIONS / "bai05_mo_hinh.py").read_text(encoding="utf-8")
    student = tmp_path / "lop" / "lap_dia"
    student.mkdir(parents=True)
    (student / "bai05_mo_hinh.py").write_text(reference + DISK_FILLER, encoding="utf-8")
    graded = grade(Options(tmp_path / "lop", tmp_path / "out", limits=LONG, skip_speed=True,
                           exercises=("bai05_mo_hinh",), work_parent=tmp_path))
    built = [t for t in graded.reports[0].tests if "built_at_most_once" in t.nodeid]
    assert built and all(t.status == "failed" for t in built), built
    assert all("No space left on device" in t.message for t in built), built

"""`tangtoc reset`: the stub comes back from a reliable source and the student's work is always
backed up first, or nothing happens at all."""

import shutil

import pytest
from cli_support import fresh_course, git_in, run, solve

from tangtoc import catalog

LESSON = "lessons/bai04_dem_tu.py"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _backups(course):
    return sorted((course / ".tangtoc" / "backups").glob("bai04_dem_tu-*.py"))


def test_reset_in_a_clone_backs_up_then_restores_the_committed_stub(tmp_path):
    course = fresh_course(tmp_path / "khoa_hoc", git=True)
    stub = (course / LESSON).read_bytes()
    (course / LESSON).write_text("# bài của tôi, chưa xong\n", encoding="utf-8")
    code, output = run(course, "reset", "bai04_dem_tu")
    assert code == 0, output
    assert (course / LESSON).read_bytes() == stub
    [backup] = _backups(course)
    assert backup.read_text(encoding="utf-8") == "# bài của tôi, chưa xong\n"
    assert f"Đã sao lưu bài của bạn vào {backup}" in output and "(git, commit " in output
    code, output = run(course, "reset", "bai04_dem_tu")
    assert code == 0 and "đã là bản gốc" in output and len(_backups(course)) == 1


def test_reset_skips_the_students_own_commits(tmp_path):
    course = fresh_course(tmp_path / "khoa_hoc", git=True)
    stub = (course / LESSON).read_bytes()
    solve(course, "bai04_dem_tu")
    git_in(course, "commit", "-q", "-am", "Bài 4 xong")
    solved = (course / LESSON).read_bytes()
    code, output = run(course, "reset", "bai04_dem_tu")
    assert code == 0, output
    assert (course / LESSON).read_bytes() == stub and _backups(course)[0].read_bytes() == solved


def test_without_git_the_stub_saved_at_first_run_is_used(tmp_path):
    course = fresh_course(tmp_path / "khoa_hoc")
    stub = (course / LESSON).read_bytes()
    run(course, "list")  # the first command saves the untouched stubs
    (course / LESSON).unlink()  # even a deleted file comes back
    code, output = run(course, "reset", "bai04_dem_tu")
    assert code == 0 and (course / LESSON).read_bytes() == stub, output
    assert "bản gốc đã lưu trong" in output and not _backups(course)


def test_without_any_original_reset_refuses_and_changes_nothing(tmp_path):
    course = fresh_course(tmp_path / "khoa_hoc")
    (course / LESSON).write_text("# bài của tôi\n", encoding="utf-8")  # before any tangtoc run
    code, output = run(course, "reset", "bai04_dem_tu")
    assert code == 2 and output.startswith("Lỗi: không tìm thấy bản gốc"), output
    assert output.count("\n") == 1 and "bài của bạn vẫn nguyên" in output
    assert (course / LESSON).read_text(encoding="utf-8") == "# bài của tôi\n"


def test_reset_refuses_when_the_backup_cannot_be_written(tmp_path):
    course = fresh_course(tmp_path / "khoa_hoc", git=True)
    blocker = tmp_path / "khong_phai_thu_muc"
    blocker.write_text("", encoding="utf-8")  # the state folder cannot be created under a file
    (course / LESSON).write_text("# bài của tôi\n", encoding="utf-8")
    code, output = run(course, "reset", "bai04_dem_tu", TANGTOC_STATE=str(blocker / "state"))
    assert code == 2 and output.startswith("Lỗi: không ghi được bản sao lưu vào "), output
    assert "chưa thay đổi gì" in output and output.count("\n") == 1
    assert (course / LESSON).read_text(encoding="utf-8") == "# bài của tôi\n"


SCRIPTS = [e for e in catalog.exercises() if e.kind == "script"]


@pytest.mark.skipif(not SCRIPTS, reason="no script exercise in the catalog")
@pytest.mark.parametrize("git", [True, False], ids=["git", "zip"])
def test_a_fixed_script_exercise_comes_back_as_the_original_program(tmp_path, git):
    exercise = SCRIPTS[0]
    course = fresh_course(tmp_path / "khoa_hoc", git=git)
    lesson = course / "lessons" / exercise.file_name
    stub = lesson.read_bytes()
    run(course, "list")
    solve(course, exercise.id)
    if git:
        git_in(course, "commit", "-q", "-am", "Đã sửa")
    code, output = run(course, "reset", exercise.id)
    assert code == 0, output
    assert lesson.read_bytes() == stub
    [backup] = (course / ".tangtoc" / "backups").glob(f"{exercise.id}-*.py")
    assert backup.read_bytes() == (course / "solutions" / exercise.file_name).read_bytes()

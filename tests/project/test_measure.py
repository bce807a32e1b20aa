"""`tangtoc measure BÀI`: the lesson's measurement run for real (tiny sizes, --nhanh) on a copy
of the course, printed beside the course's figures and saved to share, earlier results kept."""

import json
import re
import shutil
import subprocess
import sys

import pytest
from cli_support import TANGTOC, fresh_course, run, student_env

from tangtoc import paths
from tangtoc.measure import LESSONS, bai01, bai02, bai04
from tangtoc.measure.tables import COURSE, MINE, Table, plain_text, read_table, side_by_side


@pytest.fixture
def course(tmp_path):
    folder = fresh_course(tmp_path / "khoa_hoc")
    shutil.copytree(paths.ROOT / "measurements", folder / "measurements")
    return folder


def test_the_course_files_have_the_headers_the_measurements_write():
    """Side by side only works if the student's table has the page's columns."""
    assert read_table(paths.ROOT / "measurements" / "bai04_pool.md").header == bai04.HEADER
    assert read_table(paths.ROOT / "measurements" / "bai01_khoi_dong.md").header == [
        "Tạo rồi chờ kết thúc", "Trung vị", "Nhanh nhất"]
    gil = read_table(paths.ROOT / "measurements" / "bai02_gil.md")
    assert gil.header == ["Việc", "Tuần tự", "4 luồng", "4 tiến trình"]
    assert gil.rows[0][0] == "Python thuần (giữ GIL)" and "CPython" in gil.caption


def test_a_table_written_and_read_back_is_the_same_table(tmp_path):
    table = Table("bai04_pool", bai04.HEADER, [["fork", "2", "1.30", "0.74", "1.77×", "89%"]],
                  "Đo ngày hôm nay", keys=2, align="|---|" + "---:|" * 5)
    (tmp_path / "bai04_pool.md").write_text(table.markdown(), encoding="utf-8")
    again = read_table(tmp_path / "bai04_pool.md")
    assert (again.header, again.rows, again.caption) == (table.header, table.rows, table.caption)
    assert again.markdown() == table.markdown()


def test_side_by_side_puts_the_course_row_under_the_students_and_marks_what_is_missing():
    course = read_table(paths.ROOT / "measurements" / "bai04_pool.md")
    mine = Table("bai04_pool", bai04.HEADER, [["fork", "2", "9.00", "4.50", "2.00×", "100%"],
                                              ["fork", "8", "9.00", "1.50", "6.00×", "75%"]],
                 keys=2)
    combined = side_by_side(mine, course)
    assert combined.header == ["Phương thức khởi động", "Số tiến trình", "Máy", *bai04.HEADER[2:]]
    fork_2 = next(row for row in course.rows if row[:2] == ["fork", "2"])
    assert combined.rows[0] == ["fork", "2", MINE, "9.00", "4.50", "2.00×", "100%"]
    assert combined.rows[1] == ["", "", COURSE, *fork_2[2:]]
    assert combined.rows[3] == ["", "", COURSE, "—", "—", "—", "—"]  # no 8 on the course's
    assert len(combined.rows) == 2 * (len(course.rows) + 1)  # the course's other rows follow
    text = plain_text(combined)
    assert "khóa học" in text and "6.00×" in text and fork_2[4] in text


def test_every_lesson_names_its_page_and_counts_its_steps():
    for module, page in LESSONS.values():
        assert (paths.DOCS / page).is_file(), module
    assert bai01.steps(True) >= 2 and bai02.steps(True) == 9
    assert bai04.steps(True) == 3 * (1 + len(bai04.worker_counts())) or bai04.steps(True) > 0


def course_speedup(measurement: str, row: str) -> str:
    """The last speed-up of a row of the course's table, e.g. '1.87×': shown beside the
    student's own figures, and re-measured from time to time."""
    table = read_table(paths.ROOT / "measurements" / measurement)
    cells = next(cells for cells in table.rows if cells[0] == row)
    return re.search(r"\(([\d.]+×)\)", cells[-1]).group(1)


def test_bai01_and_bai02_measured_and_saved_beside_the_course_and_kept_on_a_rerun(course):
    before = {p.name: p.read_bytes() for p in (course / "measurements").iterdir()}
    code, output = run(course, "measure", "bai01", "--nhanh")
    assert code == 0, output
    assert "[2/" in output  # the progress, one line per run off a terminal
    assert "luồng (`threading.Thread`)" in output and "khóa học" in output
    assert "0.18 ms" in output  # the course's own figure, from measurements/bai01_khoi_dong.md
    report = (course / "ket-qua-do" / "bai01.md").read_text(encoding="utf-8")
    assert "CPython" in report and "lõi dùng được" in report and "CPU logic" in report

    code, output = run(course, "measure", "2", "--quick")  # a lesson by number, English flag
    assert code == 0, output
    assert "[9/9]" in output and "Python thuần (giữ GIL)" in output
    assert course_speedup("bai02_gil.md", "Python thuần (giữ GIL)") in output
    out = course / "ket-qua-do"
    for workload in ("python_work", "hash_large", "hash_small"):
        assert (out / f"bai02_{workload}.png").read_bytes().startswith(b"\x89PNG")
        trace = json.loads((out / f"bai02_{workload}.json").read_text(encoding="utf-8"))
        processes = {e["args"]["name"] for e in trace["traceEvents"]
                     if e["name"] == "process_name"}
        assert processes == {"tuần tự", "luồng", "tiến trình"}
        tasks = [e for e in trace["traceEvents"] if e["ph"] == "X"]
        assert len(tasks) == 3 * 4 and all(e["dur"] > 0 for e in tasks)
    assert "ui.perfetto.dev" in output

    first = (out / "bai01.md").read_text(encoding="utf-8")
    code, output = run(course, "measure", "bai01", "--nhanh")
    assert code == 0, output
    kept = list((out / "cu").glob("bai01-*.md"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == first
    assert "Kết quả cũ được giữ lại" in output
    assert {p.name: p.read_bytes() for p in (course / "measurements").iterdir()} == before


def test_bai04_measures_every_start_method_with_the_reference_and_a_students_folder(course):
    code, output = run(course, "measure", "bai04", "--nhanh")
    assert code == 0, output
    report = (course / "ket-qua-do" / "bai04.md").read_text(encoding="utf-8")
    for method in ("fork", "spawn", "forkserver"):
        assert f"| {method} | 1 | {MINE} |" in report
    assert "1.77×" in report  # the course's fork, 2 processes
    assert (course / "ket-qua-do" / "bai04_tang_toc.png").read_bytes().startswith(b"\x89PNG")
    code, output = run(course, "measure", "bai04", "--nhanh", "--target", "lessons")
    assert code == 2 and "một lần chạy bị lỗi" in output and "Traceback" not in output


def test_the_courses_measurements_folder_is_refused_and_unknown_lessons_are_named(course):
    code, output = run(course, "measure", "bai02", "--nhanh", "--out", "measurements")
    assert code == 2 and "thư mục số đo của khóa học" in output
    code, output = run(course, "measure", "bai11")
    assert code == 2 and "bai01, bai02, bai04" in output
    code, output = run(course, "measure", "bai01", "--target", "lessons")
    assert code == 2 and "--target chỉ dùng cho bai04" in output


def test_without_a_course_bai01_still_measures_into_the_current_folder(tmp_path):
    """As from an installed package with no course around: no course figures to compare."""
    empty = tmp_path / "khong_co_khoa_hoc"
    empty.mkdir()
    finished = subprocess.run([TANGTOC, "measure", "bai01", "--nhanh"], capture_output=True,
                              text=True, timeout=300, cwd=empty, env=student_env(empty))
    output = finished.stdout + finished.stderr
    assert finished.returncode == 0, output
    assert "Không tìm thấy số đo của khóa học" in output
    assert (empty / "ket-qua-do" / "bai01.md").is_file()
    finished = subprocess.run([TANGTOC, "measure", "bai04", "--nhanh"], capture_output=True,
                              text=True, timeout=300, cwd=empty, env=student_env(empty))
    assert finished.returncode == 2 and "cần thư mục khóa học" in finished.stderr


def test_the_cli_starts_without_matplotlib():
    """The grader-only install (Classroom, Gradescope) has no matplotlib, and a spawn child of
    `tangtoc measure` re-imports the CLI: drawing must load only inside the measure command."""
    code = "import sys, tangtoc.cli; print('matplotlib' in sys.modules)"
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True)
    assert printed.stdout.strip() == "False"

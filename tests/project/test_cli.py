"""The `tangtoc` command as a student uses it: real subprocesses on a fresh copy of the course,
Vietnamese output, one-sentence errors that say what to do next."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from cli_support import TANGTOC, fresh_course, processes_of, run, solve, student_env

from tangtoc import catalog, paths, progress
from tangtoc.site_markdown import exercise_card

FIRST = catalog.exercises()[0]


@pytest.fixture
def course(tmp_path):
    return fresh_course(tmp_path / "khoa_hoc")


def test_newcomer_lists_checks_the_stub_and_is_told_what_to_do(course):
    code, output = run(course, "list")
    assert code == 0 and f"Tiến độ: 0/{len(catalog.exercises())} bài đạt" in output
    assert f"➜ · {FIRST.id}" in output
    for exercise in catalog.exercises():
        assert re.search(rf"[·–] {exercise.id} ", output), exercise.id
        assert catalog.lesson_title(exercise.lesson) in output
    code, output = run(course, "check", "bai04_dem_tu")
    assert code == 1, output
    assert "✘ bai04_dem_tu: chưa đúng (0/" in output and "Chưa làm" in output
    assert "➜ Mở lessons/bai04_dem_tu.py" in output and "tangtoc hint bai04_dem_tu" in output
    assert "✘ bai04_dem_tu" in run(course, "list")[1]
    code, output = run(course, "hint")  # no id: the current exercise
    assert code == 0 and f"Gợi ý 1/{len(FIRST.hints)} cho {FIRST.id}" in output


@pytest.mark.speed
def test_newcomer_passes_the_first_exercise_with_the_solution(course):
    solve(course, "bai04_dem_tu")
    code, output = run(course, "check", "bai04_dem_tu")
    assert code == 0, output
    assert re.search(r"[✔⚠] bai04_dem_tu: đúng kết quả; ", output), output
    if "✔" in output:
        assert re.search(r"tăng tốc \d+\.\d\d× trên \d+ lõi \(cần ≥ \d\.\d\d×\)", output)
        assert f"Tiến độ: 1/{len(catalog.exercises())} bài đạt" in run(course, "list")[1]
    assert "Bài tiếp theo" in output or "làm xong mọi bài tập" in output


@pytest.mark.parametrize("command", ["check", "hint", "reset", "watch"])
def test_unknown_exercise_suggests_the_closest_command(course, command):
    code, output = run(course, command, "bai4_dem_tu")
    assert code == 2
    assert output.strip() == ("Lỗi: không có bài tập «bai4_dem_tu»; có phải ý bạn là «tangtoc "
                              f"{command} bai04_dem_tu»?")


def test_unknown_exercise_far_from_any_points_to_the_list(course):
    code, output = run(course, "check", "zzz")
    assert code == 2 and output.strip().endswith("xem mã của mọi bài bằng «tangtoc list».")


def test_a_file_name_is_accepted_as_an_exercise_id(course):
    assert "Gợi ý 1/" in run(course, "hint", "lessons/bai04_dem_tu.py")[1]


def test_mistyped_command_is_suggested_in_vietnamese(course):
    code, output = run(course, "chek")
    assert code == 2 and "Lỗi: không có lệnh «chek»; có phải ý bạn là «tangtoc check»?" in output
    code, output = run(course, "reset")
    assert code == 2 and "Lỗi: thiếu tham số id; gõ «tangtoc reset --help»" in output


def _edit(course, replace_from: str, replacement: str) -> None:
    lesson = course / "lessons" / "bai04_dem_tu.py"
    source = lesson.read_text(encoding="utf-8")
    assert replace_from in source
    lesson.write_text(source.replace(replace_from, replacement, 1), encoding="utf-8")


def test_syntax_error_shows_the_line_and_what_to_do(course):
    _edit(course, "    total = Counter()\n", "    total = Counter(\n")
    code, output = run(course, "check", "bai04_dem_tu")
    assert code == 1
    line = re.search(r"Lỗi cú pháp trong bai04_dem_tu\.py, dòng (\d+): ", output)
    assert line, output
    assert f"  {line.group(1)} | total = Counter(" in output
    assert "➜ Sửa dòng đó, lưu tệp rồi chạy lại «tangtoc check bai04_dem_tu»." in output


def test_missing_function_is_named(course):
    _edit(course, "def count_words_parallel(", "def count_parallel(")
    code, output = run(course, "check", "bai04_dem_tu")
    assert code == 1 and "Thiếu hàm count_words_parallel" in output
    assert "➜ Giữ đúng tên hàm" in output


def test_deleted_file_points_to_reset(course):
    (course / "lessons" / "bai04_dem_tu.py").unlink()
    code, output = run(course, "check", "bai04_dem_tu")
    assert code == 1 and "➜ Khôi phục tệp gốc bằng «tangtoc reset bai04_dem_tu»" in output


def test_wrong_result_shows_our_vietnamese_message_not_a_diff(course):
    _edit(course, "    # TODO:", "    return Counter({\"sai\": 1})\n    # TODO:")
    code, output = run(course, "check", "bai04_dem_tu")
    assert code == 1 and "Số đếm khác với bản tuần tự" in output, output
    assert "Use -v" not in output and "assert " not in output and "Traceback" not in output
    assert "«tangtoc check bai04_dem_tu -v»" in output
    code, verbose = run(course, "check", "bai04_dem_tu", "-v")  # pytest's whole output first
    assert code == 1 and " FAILED" in verbose and "AssertionError" in verbose, verbose
    assert verbose.index("AssertionError") < verbose.index("✘ bai04_dem_tu: chưa đúng")
    assert "tangtoc check bai04_dem_tu -v»" not in verbose


def test_outside_the_course_folder_is_one_sentence_with_the_fix(tmp_path):
    empty = tmp_path / "khong_phai_khoa_hoc"
    empty.mkdir()
    code, output = run(empty, "list")
    assert code == 2 and output.count("\n") == 1, output
    assert output.startswith("Lỗi: biến môi trường TANGTOC_ROOT trỏ tới ")
    assert output.strip().endswith("hãy sửa hoặc bỏ biến này.")


def test_check_all_prints_a_summary_table(course):
    code, output = run(course, "check", "--all")
    assert code == 1
    assert re.search(r"Bài tập\s+Đúng\s+Tốc độ \(đo/cần\)\s+Kết quả", output), output
    for exercise in catalog.exercises():
        assert re.search(rf"{exercise.id}\s+[✘–]", output), exercise.id
    assert f"Tổng: 0/{len(catalog.exercises())} bài đạt." in output
    assert "Tiến độ: 0/" in run(course, "list")[1]


def test_check_one_and_all_cannot_be_combined(course):
    code, output = run(course, "check", "--all", "bai04_dem_tu")
    assert code == 2 and output.startswith("Lỗi: hãy chọn một trong hai")


def test_hints_come_one_by_one_with_a_link_to_the_exercise_card(course):
    hints = FIRST.hints
    shown = [run(course, "hint", FIRST.id)[1] for _ in range(len(hints) + 1)]
    for number, output in enumerate(shown[:len(hints)], start=1):
        assert f"Gợi ý {number}/{len(hints)}" in output and hints[number - 1] in output
        assert f"http://127.0.0.1:8000/{FIRST.lesson_url}#{FIRST.anchor}" in output
    assert f"Gợi ý {len(hints)}/{len(hints)}" in shown[-1] and "gợi ý cuối cùng" in shown[-1]
    assert progress.PROGRESS_FILE.name in {p.name for p in (course / ".tangtoc").iterdir()}


@pytest.mark.parametrize("exercise", catalog.exercises(), ids=lambda e: e.id)
def test_the_hint_anchor_exists_on_the_lesson_page(exercise):
    page = (paths.DOCS / exercise.lesson).read_text(encoding="utf-8")
    assert f"<!-- bai-tap: {exercise.id} -->" in page, "the lesson page must show the card"
    assert f'<div id="{exercise.anchor}"></div>' in exercise_card(exercise)


@pytest.mark.speed
def test_check_on_the_reference_passes_and_is_not_the_students_progress(course):
    code, output = run(course, "check", "bai04_dem_tu", "--target", "solutions")
    assert code == 0, output
    assert re.search(r"[✔⚠] bai04_dem_tu: đúng kết quả; ", output), output
    assert "· bai04_dem_tu" in run(course, "list")[1], "checking the reference is not the student's"


def test_serve_opens_the_course_site_without_the_engine_end_of_life_banner(tmp_path):
    """Material for MkDocs prints an English end-of-life notice on every `mkdocs serve`; a
    student has nothing to do about it, so `tangtoc serve` silences it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {name: value for name, value in os.environ.items()
           if name not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}  # as a student's
    server = subprocess.Popen([TANGTOC, "serve", "--addr", f"127.0.0.1:{port}"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = _fetch_when_ready(f"http://127.0.0.1:{port}/", server)
        assert "Tăng tốc Python" in page
        assert "Bài 4" in _fetch_when_ready(f"http://127.0.0.1:{port}/bai04-pool/", server)
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "Mở http://" in output
    assert "end of life" not in output, output


def _fetch_when_ready(url: str, server, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            assert server.poll() is None, server.stdout.read()
            assert time.monotonic() < deadline, f"{url} never answered"
            time.sleep(0.3)


@pytest.mark.parametrize("page", ["README.md", "docs/cai-dat.md", "docs/index.md"])
def test_every_command_the_docs_show_exists(page):
    from tangtoc.commands import COMMANDS

    text = (paths.ROOT / page).read_text(encoding="utf-8")
    shown = set(re.findall(r"\btangtoc ([a-z]+)(?=[\s`»\"'.,;:)]|$)", text))
    assert "watch" in shown or page == "docs/index.md"
    # grade: the teacher's (tangtoc.grader.cli); dev: the maintainers' (tangtoc.dev)
    assert shown <= set(COMMANDS) | {"grade", "dev"}, shown - set(COMMANDS)


def test_serve_on_a_busy_port_says_so_in_vietnamese_and_how_to_go_on():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        finished = subprocess.run([TANGTOC, "serve", "--addr", f"127.0.0.1:{port}"],
                                  capture_output=True, text=True, timeout=60)
    assert finished.returncode == 2
    assert f"cổng {port} trên 127.0.0.1 đang có chương trình khác dùng" in finished.stderr
    assert f"tangtoc serve --addr 127.0.0.1:{port + 1}" in finished.stderr
    assert "Traceback" not in finished.stderr + finished.stdout


def test_list_into_a_pipe_closed_early_is_no_error(course):
    """`tangtoc list | head`: the reader stops reading; that is not an internal error. The
    reader here (`true`) is gone before the first line is written, so the pipe is closed."""
    reader_gone = subprocess.run(f"set -o pipefail; {TANGTOC} list | true", shell=True,
                                 capture_output=True, text=True, timeout=120,
                                 executable="/bin/bash", cwd=course,
                                 env=student_env(course))
    assert reader_gone.returncode == 0
    assert reader_gone.stderr == "", reader_gone.stderr


def test_check_killed_with_sigkill_leaves_nothing_running(course, tmp_path):
    """SIGKILL reaches no handler of tangtoc: still, pytest, the runner and the student's
    worker processes must not go on running (tangtoc.reaper)."""
    started = tmp_path / "da_chay"
    _edit(course, "    # TODO:", (
        "    import os, time\n"
        "    with Pool(2) as pool:\n"
        "        result = pool.map_async(time.sleep, [600, 600])\n"
        "        time.sleep(1)\n"
        "        open(os.environ['TANGTOC_TEST_STARTED'], 'w').close()\n"
        "        result.get()\n"
        "    # TODO:"))
    checking = subprocess.Popen([TANGTOC, "check", "bai04_dem_tu"], cwd=course,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=student_env(course, TANGTOC_TEST_STARTED=str(started)))
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert checking.poll() is None and time.monotonic() < deadline, "never started"
            time.sleep(0.1)
        assert len(processes_of(course)) >= 5  # tangtoc, pytest, runner, 2 workers
        checking.kill()
        checking.wait()
        deadline = time.monotonic() + 10
        while processes_of(course) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:80]
                for pid in processes_of(course)}
        assert not left, f"SIGKILL left these running: {left}"
    finally:
        for pid in processes_of(course):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)

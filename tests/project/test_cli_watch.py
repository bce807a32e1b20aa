"""`tangtoc watch` driven for real: on a pseudo-terminal, the student saves the file, reads the
verdict, asks for a hint, and stops with Ctrl+C."""

import shutil
import sys
import time

import pytest
from cli_support import TANGTOC, Terminal, fresh_course, processes_of, student_env

from tangtoc import catalog, watch
from tangtoc.spinner import FRAMES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
EXERCISE = catalog.get("bai04_dem_tu")


@pytest.fixture
def course(tmp_path):
    return fresh_course(tmp_path / "khoa_hoc")


@pytest.fixture
def terminal(course):
    terminals = []

    def start(*args: str) -> Terminal:
        terminals.append(Terminal([TANGTOC, "watch", *args], student_env(course), course))
        return terminals[-1]

    yield start
    for opened in terminals:
        opened.kill()


def test_watch_rechecks_each_save_once_and_says_goodbye_on_ctrl_c(course, terminal):
    lesson = course / "lessons" / EXERCISE.file_name
    stub = lesson.read_text(encoding="utf-8")
    screen = terminal(EXERCISE.id)
    screen.wait_for("✘ bai04_dem_tu: chưa đúng (0/")
    screen.wait_for("Đang chờ bạn sửa và lưu")
    assert any(frame in screen.output for frame in FRAMES), "a spinner while the tests run"

    broken = stub.replace("    total = Counter()\n", "    total = Counter(\n", 1)
    lesson.write_text(broken[:len(broken) // 2], encoding="utf-8")  # an editor saving in two
    time.sleep(watch.SETTLE_SECONDS / 5)  # writes: only the settled file is checked
    lesson.write_text(broken, encoding="utf-8")
    screen.wait_for("Lỗi cú pháp trong bai04_dem_tu.py, dòng")
    screen.wait_for("Đang chờ bạn sửa và lưu", count=2)
    assert screen.output.count("✘ bai04_dem_tu:") == 2, screen.output

    lesson.write_text(broken, encoding="utf-8")  # saved again without changes: no re-check
    screen.type("g\n")
    screen.wait_for(f"Gợi ý 1/{len(EXERCISE.hints)} cho bai04_dem_tu")
    assert screen.output.count("✘ bai04_dem_tu:") == 2, screen.output

    lesson.write_text(stub.replace("    # TODO:", "    return Counter({'sai': 1})\n    # TODO:"),
                      encoding="utf-8")
    screen.wait_for("Số đếm khác với bản tuần tự")
    screen.wait_for("Đang chờ bạn sửa và lưu", count=3)
    screen.interrupt()
    assert screen.close() == 0
    assert screen.output.rstrip().endswith(watch.GOODBYE)
    assert "Traceback" not in screen.output and "KeyboardInterrupt" not in screen.output
    _assert_nothing_left_running(course)


def test_ctrl_c_while_checking_stops_cleanly(course, terminal):
    screen = terminal()
    screen.wait_for("Đang kiểm tra tính đúng")
    screen.interrupt()
    assert screen.close() == 0
    assert screen.output.rstrip().endswith(watch.GOODBYE), screen.output
    assert "Traceback" not in screen.output
    _assert_nothing_left_running(course)


def test_keys_like_rustlings_and_no_command_watch_already_runs(course, terminal):
    """l lists, x puts the stub back (then it is checked again), r checks again, n moves on; what
    to do next is said for watch: no «tangtoc check», «tangtoc hint» or «chạy lại» to type."""
    lesson = course / "lessons" / EXERCISE.file_name
    stub = lesson.read_text(encoding="utf-8")
    screen = terminal(EXERCISE.id)
    screen.wait_for("Đang chờ bạn sửa và lưu")
    lesson.write_text(stub.replace("    total = Counter()\n", "    total = Counter(\n", 1),
                      encoding="utf-8")
    screen.wait_for("Lỗi cú pháp trong bai04_dem_tu.py, dòng")
    screen.wait_for("Đang chờ bạn sửa và lưu", count=2)
    screen.type("l\n")
    screen.wait_for("Tiến độ: 0/")
    screen.type("x\n")
    screen.wait_for("đã trở lại bản gốc")
    screen.wait_for("Đang chờ bạn sửa và lưu", count=3)
    assert lesson.read_text(encoding="utf-8") == stub
    screen.type("r\n")
    screen.wait_for("Đang chờ bạn sửa và lưu", count=4)
    assert screen.output.count("✘ bai04_dem_tu: chưa đúng (0/") == 3, screen.output
    screen.type("n\n")
    screen.wait_for("Bỏ qua bai04_dem_tu, sang bài ")
    screen.wait_for("Đang chờ bạn sửa và lưu", count=5)
    screen.type("q\n")
    assert screen.close() == 0
    for typed_elsewhere in ("tangtoc check", "tangtoc hint", "chạy lại", "tangtoc reset"):
        assert typed_elsewhere not in screen.output, typed_elsewhere
    assert "gõ g (Enter)" in screen.output and "là bài được kiểm tra lại ngay" in screen.output


def test_q_quits(course, terminal):
    screen = terminal()
    screen.wait_for("Đang chờ bạn sửa và lưu")
    screen.type("q\n")
    assert screen.close() == 0 and screen.output.rstrip().endswith(watch.GOODBYE)


@pytest.mark.speed
def test_watch_moves_on_once_the_exercise_passes(course, terminal):
    screen = terminal(EXERCISE.id)
    screen.wait_for("Đang chờ bạn sửa và lưu")
    shutil.copy(course / "solutions" / EXERCISE.file_name, course / "lessons")
    screen.wait_for("Đang đo tốc độ bai04_dem_tu", timeout=60)
    screen.wait_for("bai04_dem_tu: đúng kết quả; ", timeout=300)
    others = [e for e in catalog.exercises() if e.available and e != EXERCISE]
    order = list(catalog.exercises())
    following = [e for e in others if order.index(e) > order.index(EXERCISE)] or others
    if following:
        screen.wait_for(f"Chuyển sang bài tiếp theo: {following[0].id}")
        screen.wait_for(f"━━ {following[0].id}")
        screen.interrupt()
    else:
        screen.wait_for("Bạn đã làm xong mọi bài tập hiện có!")
    assert screen.close() == 0
    assert "Traceback" not in screen.output


def _assert_nothing_left_running(course) -> None:
    deadline = time.monotonic() + 10
    while processes_of(course) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not processes_of(course), "Ctrl+C left processes running"

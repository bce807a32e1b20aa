"""The `tangtoc` command as a student uses it: real subprocesses, Vietnamese output."""

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tangtoc import catalog, paths
from tangtoc.cores import usable_cores

TANGTOC = str(Path(sys.executable).with_name("tangtoc"))  # the installed console script


@pytest.fixture
def tangtoc(tmp_path, monkeypatch):
    monkeypatch.setenv("TANGTOC_STATE", str(tmp_path / "state"))

    def run(*args):
        finished = subprocess.run([TANGTOC, *args], capture_output=True,
                                  text=True, timeout=600)
        return finished.returncode, finished.stdout + finished.stderr

    return run


def test_list_shows_every_exercise_unchecked(tangtoc):
    code, output = tangtoc("list")
    assert code == 0 and "Tiến độ: 0/" in output
    for exercise in catalog.exercises():
        assert f"· {exercise.id}" in output


def test_check_on_the_stub_fails_in_vietnamese_and_is_remembered(tangtoc):
    code, output = tangtoc("check", "bai04_dem_tu")
    assert code == 1
    assert "✘ bai04_dem_tu: chưa đúng (0/" in output and "Chưa làm" in output
    assert "tangtoc hint bai04_dem_tu" in output
    assert "✘ bai04_dem_tu" in tangtoc("list")[1]


def test_unknown_exercise_suggests_the_closest(tangtoc):
    code, output = tangtoc("check", "bai4_dem_tu")
    assert code == 2 and "Có phải bạn muốn nói «bai04_dem_tu»?" in output


def _student_copy(tmp_path, replace_from: str, replacement: str):
    target = tmp_path / "bai_lam"
    target.mkdir()
    source = (paths.LESSONS / "bai04_dem_tu.py").read_text(encoding="utf-8")
    broken = source.replace(replace_from, replacement, 1)
    assert broken != source
    (target / "bai04_dem_tu.py").write_text(broken, encoding="utf-8")
    return target


def test_syntax_error_names_the_line(tangtoc, tmp_path):
    target = _student_copy(tmp_path, "    total = Counter()\n", "    total = Counter(\n")
    code, output = tangtoc("check", "bai04_dem_tu", "--target", str(target))
    assert code == 1 and re.search(r"Lỗi cú pháp trong bai04_dem_tu\.py, dòng \d+", output)


def test_missing_function_is_named(tangtoc, tmp_path):
    target = _student_copy(tmp_path, "def count_words_parallel(", "def count_parallel(")
    code, output = tangtoc("check", "bai04_dem_tu", "--target", str(target))
    assert code == 1 and "Thiếu hàm count_words_parallel" in output


def test_wrong_result_shows_our_vietnamese_message_not_a_diff(tangtoc, tmp_path):
    target = _student_copy(tmp_path, "    # TODO:", "    return Counter({\"sai\": 1})\n    # TODO:")
    code, output = tangtoc("check", "bai04_dem_tu", "--target", str(target))
    assert code == 1 and "Số đếm khác với bản tuần tự" in output, output
    assert "Use -v" not in output and "assert " not in output


def test_hints_come_one_by_one_and_stop_at_the_last(tangtoc):
    hints = catalog.get("bai04_dem_tu").hints
    shown = [tangtoc("hint", "bai04_dem_tu")[1] for _ in range(len(hints) + 1)]
    for number, output in enumerate(shown[:len(hints)], start=1):
        assert f"Gợi ý {number}/{len(hints)}" in output and hints[number - 1] in output
    assert f"Gợi ý {len(hints)}/{len(hints)}" in shown[-1] and "gợi ý cuối cùng" in shown[-1]


def test_doctor_reports_cores_start_method_and_gil(tangtoc):
    code, output = tangtoc("doctor")
    assert code == 0
    assert f"dùng được {usable_cores()} lõi" in output
    assert "Phương thức khởi động" in output and "GIL" in output


@pytest.mark.speed
def test_check_on_the_reference_passes_with_the_measured_speedup(tangtoc):
    code, output = tangtoc("check", "bai04_dem_tu", "--target", "solutions")
    assert code == 0, output
    cores = usable_cores()
    assert re.search(rf"✔ bai04_dem_tu: đúng kết quả; tăng tốc \d+\.\d\d× trên {cores} lõi "
                     rf"\(cần ≥ \d\.\d\d×\)", output), output
    assert "· bai04_dem_tu" in tangtoc("list")[1], "checking the reference is not the student's"


def test_serve_opens_the_course_site(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([TANGTOC, "serve", "--addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = _fetch_when_ready(f"http://127.0.0.1:{port}/", server)
        assert "Tăng tốc Python" in page
        assert "Bài 4" in _fetch_when_ready(f"http://127.0.0.1:{port}/bai04-pool/", server)
    finally:
        server.terminate()
        server.wait(timeout=10)


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

"""`tangtoc doctor`: real runs on this machine, and its advice for machines we do not have."""

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_support import TANGTOC, fresh_course, run

from tangtoc import bubblewrap, doctor, paths
from tangtoc.cores import usable_cores


def test_doctor_reports_cores_start_method_gil_and_the_course(tmp_path):
    course = fresh_course(tmp_path / "khoa_hoc")
    code, output = run(course, "doctor")
    assert code == 0, output
    assert f"dùng được {usable_cores()} lõi" in output
    assert "Phương thức khởi động (start method) mặc định là " in output and "GIL" in output
    assert f"Thư mục khóa học: {course}" in output and "Traceback" not in output


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2
                    or shutil.which("taskset") is None, reason="needs taskset and 2 CPUs")
def test_doctor_on_one_core_says_speed_checks_cannot_run_and_how_to_fix_it():
    finished = subprocess.run(["taskset", "-c", "0", TANGTOC, "doctor"], capture_output=True,
                              text=True, timeout=120)
    assert "✘ Chỉ có 1 lõi dùng được" in finished.stdout, finished.stdout + finished.stderr
    assert "taskset" in finished.stdout


BASE = doctor.Facts(
    platform="linux", kernel="6.1.0", python=(3, 12), python_label="CPython 3.12.1",
    free_threaded=False, gil_enabled=True, start_method="fork", cpu_count=4, affinity=4,
    quota=None, usable=4, shm_total_mib=2048, shm_free_mib=2048, in_container=False, load=0.1,
    course=paths.ROOT,
)


def advice(**changes) -> str:
    return "\n".join(doctor.report_lines(dataclasses.replace(BASE, **changes)))


def test_a_healthy_linux_machine_gets_no_warning():
    text = advice()
    assert "⚠" not in text and "✘" not in text


def test_one_core_in_a_container_points_to_docker_cpus():
    text = advice(cpu_count=8, affinity=8, quota=1.0, usable=1)
    assert "✘ Chỉ có 1 lõi dùng được" in text and "--cpus=2" in text


def test_one_core_in_a_virtual_machine_points_to_its_settings():
    text = advice(cpu_count=1, affinity=1, usable=1)
    assert "VirtualBox" in text and "processors=2" in text and "vCPU" in text


def test_small_shm_in_docker_points_to_shm_size():
    text = advice(shm_total_mib=64, shm_free_mib=63, in_container=True)
    assert "⚠ /dev/shm" in text and "--shm-size=1g" in text


def test_free_threaded_build_is_detected():
    assert "GIL đang TẮT" in advice(free_threaded=True, gil_enabled=False)
    assert "GIL đang bật lại" in advice(free_threaded=True, gil_enabled=True)


def test_native_windows_is_sent_to_wsl2_and_wsl_to_the_linux_home():
    assert "WSL2" in advice(platform="win32", start_method="spawn", shm_total_mib=None)
    text = advice(kernel="5.15.153.1-microsoft-standard-WSL2", course=Path("/mnt/c/tangtoc"))
    assert "✔ WSL2" in text and "⚠ Thư mục khóa học (/mnt/c/tangtoc)" in text
    assert "WSL1" in advice(kernel="4.4.0-19041-Microsoft")


def test_macos_explains_spawn_and_a_busy_machine_is_flagged():
    assert "spawn" in advice(platform="darwin", start_method="spawn", shm_total_mib=None)
    assert "⚠ Máy đang bận" in advice(load=3.5)


def test_python_support_and_the_314_default():
    assert "✘ Python 3.9 quá cũ" in advice(python=(3, 9))
    assert "forkserver" in advice(python=(3, 14), start_method="forkserver")


def test_teachers_learn_whether_submissions_can_be_sandboxed_here():
    assert "✔ Chấm bài (giáo viên)" in advice()
    missing = advice(sandbox="thiếu chương trình bwrap")
    assert "⚠ Chấm bài" in missing and "--khong-cach-ly" in missing and "bwrap" in missing
    old_bwrap = advice(userns_locked=False)
    assert "⚠ Chấm bài" in old_bwrap and "0.8" in old_bwrap and "user namespace" in old_bwrap


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap")
def test_this_machine_can_sandbox_and_a_missing_tool_is_named(monkeypatch):
    assert bubblewrap.unavailable_reason() == ""
    monkeypatch.setenv("PATH", "/nonexistent")
    assert "bwrap" in bubblewrap.unavailable_reason()

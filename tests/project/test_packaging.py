"""A non-editable install works: the wheel holds every subpackage, and its `tangtoc` finds the
course from the folder it runs in (tangtoc.paths). Built and installed once for the module."""

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from cli_support import fresh_course

from tangtoc import paths
from tangtoc.grader.engines import copy_part

pytestmark = pytest.mark.xdist_group("wheel")  # one worker builds the module's fixture


def _source_copy(folder: Path) -> Path:
    """The project's packaging inputs, copied so the build leaves nothing in the checkout."""
    for part in paths.PACKAGE_PARTS:
        copy_part(paths.ROOT / part, folder / part)
    return folder


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    scratch = tmp_path_factory.mktemp("wheel")
    source = _source_copy(scratch / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(scratch / "dist"), str(source)], check=True, capture_output=True,
                   timeout=300)
    return next((scratch / "dist").glob("tangtoc-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies: its bin folder."""
    environment = tmp_path_factory.mktemp("venv") / "venv"
    venv.create(environment, with_pip=True)
    subprocess.run([str(environment / "bin" / "pip"), "install", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=900)
    return environment / "bin"


def _outside_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("TANGTOC_", "PYTEST_", "VIRTUAL_ENV"))}


def test_the_wheel_holds_every_subpackage_and_the_catalog(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    packages = {str(init.parent.relative_to(paths.ROOT))
                for init in (paths.ROOT / "tangtoc").rglob("__init__.py")}
    assert {"tangtoc", "tangtoc/grader", "tangtoc/experiments"} <= packages
    for package in packages:
        modules = {f"{package}/{p.name}" for p in (paths.ROOT / package).glob("*.py")}
        assert modules <= names, f"{package}: {sorted(modules - names)}"
    assert "tangtoc/catalog.toml" in names


def test_the_installed_command_runs_help_and_doctor_anywhere(installed, tmp_path):
    for args in (["--help"], ["doctor"], ["grade", "--help"]):
        finished = subprocess.run([str(installed / "tangtoc"), *args], capture_output=True,
                                  text=True, cwd=tmp_path, env=_outside_env(), timeout=120)
        assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "Số lõi" in finished.stdout or "grade" in finished.stdout


def test_the_installed_command_finds_the_course_from_the_folder_it_runs_in(installed,
                                                                           tmp_path):
    course = fresh_course(tmp_path / "khoa_hoc")
    (course / "tangtoc").mkdir()  # a clone has the package too: its catalog marks the course
    (course / "tangtoc" / "catalog.toml").write_bytes((paths.ROOT / "tangtoc" /
                                                       "catalog.toml").read_bytes())
    tangtoc = str(installed / "tangtoc")
    inside = subprocess.run([tangtoc, "list"], capture_output=True, text=True,
                            cwd=course / "lessons", env=_outside_env(), timeout=120)
    assert inside.returncode == 0 and "Tiến độ: 0/" in inside.stdout, inside.stderr
    assert (course / ".tangtoc").is_dir()  # the progress of this course, kept in it
    outside = subprocess.run([tangtoc, "list"], capture_output=True, text=True,
                             cwd=tmp_path, env=_outside_env(), timeout=120)
    assert outside.returncode == 2
    assert "không tìm thấy thư mục khóa học" in outside.stderr
    assert "chạy tangtoc ngay trong thư mục đã clone" in outside.stderr

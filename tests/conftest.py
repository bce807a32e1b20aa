"""Fixtures shared by the project's own tests."""

import subprocess
import sys

import pytest

from tangtoc import paths

pytest_plugins = ["tangtoc.pytest_plugin", "leftover_check"]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The course site, built strictly once per test process (pages, links, browser checks)."""
    out = tmp_path_factory.mktemp("site")
    finished = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                               "--site-dir", str(out)], cwd=paths.ROOT, capture_output=True,
                              text=True, timeout=600)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return out

"""Fixtures shared by the project's own tests."""

import os
import subprocess
import sys

import pytest

from tangtoc import paths
from tangtoc.grader import uid_slots

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


@pytest.fixture
def sandbox_uid():
    """The uid a project test's sandboxed calls run as. As root, a grading slot claimed like a
    grading run claims one: limits such as the process count are per uid, so a test's calls
    (a dask cluster's threads count too) must never share a uid with a grading test running
    beside it under pytest-xdist (CI saw a reference time out in one). None without root."""
    if os.geteuid() != 0:
        yield None
        return
    with uid_slots.claimed(1) as slots:
        yield uid_slots.candidate_uid(slots[0])

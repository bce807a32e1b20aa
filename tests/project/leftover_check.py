"""After the whole suite: no stray process and no new /dev/shm segment (issue 8).

A pytest plugin (listed in conftest.py). The controlling pytest process marks its environment
with a fresh tag, which every process the suite starts inherits (the grader passes it into its
sandboxes too); at the very end, any process still carrying the tag, and any /dev/shm entry that
appeared during the run and that no live process holds, fails the run. Run the suite under the
machine's CPU lock (as the project requires) so no other suite shares /dev/shm meanwhile.
"""

import os
import secrets
import time

import pytest

from tangtoc import processes, shm_check
from tangtoc.processes import kill_tagged, tagged_pids

TAG_VARIABLE = "TANGTOC_SUITE_TAG"
GRACE_SECONDS = 10.0
_state: dict = {}


def _is_controller(config) -> bool:
    return not hasattr(config, "workerinput")  # pytest-xdist workers have workerinput


def _nested(config) -> bool:
    """A pytest started by the suite, by `tangtoc check`/`watch` (which may run on a copy of
    the course, TANGTOC_ROOT) or by the grader's sandbox: only the outermost run checks."""
    return (TAG_VARIABLE in os.environ or "TANGTOC_GRADE_TAG" in os.environ
            or "TANGTOC_ROOT" in os.environ or bool(config.getoption("report_json", None)))


def pytest_configure(config):
    if not _is_controller(config) or _nested(config) or not processes.available():
        return
    tag = secrets.token_hex(8)
    os.environ[TAG_VARIABLE] = tag
    _state.update(tag=tag, shm=_shm_names())


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    if not _is_controller(session.config) or "tag" not in _state:
        return
    strays = _wait_for_strays(_state["tag"])
    if strays:
        kill_tagged(_state["tag"], TAG_VARIABLE)
    leaked = [name for name in sorted(_shm_names() - _state["shm"]) if not _held(name)]
    problems = ([f"stray processes after the suite: {strays}"] if strays else []) + (
        [f"segments left in /dev/shm: {leaked}"] if leaked else [])
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        for problem in problems:
            if reporter:
                reporter.write_line(f"LEFTOVER CHECK FAILED: {problem}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _wait_for_strays(tag: str) -> list[int]:
    deadline = time.monotonic() + GRACE_SECONDS
    while True:
        strays = [pid for pid in tagged_pids(tag, TAG_VARIABLE)
                  if pid != os.getpid() and processes.running(pid)]
        if not strays or time.monotonic() > deadline:
            return strays
        time.sleep(0.2)


def _shm_names() -> set[str]:
    return shm_check.segments(semaphores=True)


def _held(name: str) -> bool:
    """Whether a live process maps or opens this segment (another program's, still in use)."""
    return processes.file_in_use(shm_check.SHM_DIR / name)

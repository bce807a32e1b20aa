"""bai10_dask_log's cluster where the grader puts it: inside the call, in the sandbox.

The reference starts its LocalCluster inside the call (tests/graded/test_bai10_dask_log.py says why
not in the judge): it must work in the grader's bubblewrap sandbox (no network but loopback,
private /tmp and /dev/shm, the process limit), its CPU must show as the call's workers', and
a call must leave no dask process and no /dev/shm entry behind, sandboxed or not."""

import secrets
import time

import pytest

from tangtoc import bubblewrap, catalog, paths, processes, reference, shm_check
from tangtoc.datasets import write_log_files
from tangtoc.runner import call_in_runner

EXERCISE = "bai10_dask_log"
pytestmark = pytest.mark.skipif(not catalog.get(EXERCISE).available,
                                reason=catalog.get(EXERCISE).unavailable_reason or "-")
# Other tests run dask clusters at the same time (pytest-xdist): this test's processes are
# told apart by a variable of their environment, which the runner and the sandbox pass on.
MARK_VARIABLE = "TANGTOC_TEST_DASK_CALL"


@pytest.fixture
def mark(monkeypatch) -> str:
    tag = secrets.token_hex(8)
    monkeypatch.setenv(MARK_VARIABLE, tag)
    return tag


def _left_behind(tag: str) -> set[int]:
    """This test's processes still alive after the call; SIGKILL is delivered asynchronously,
    so a process already killed gets a moment to go."""
    deadline = time.monotonic() + 2.0
    while (found := set(processes.tagged_pids(tag, MARK_VARIABLE))) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def _dev_shm() -> set[str]:
    """Every entry of /dev/shm, semaphores (sem.*) included."""
    return shm_check.segments(semaphores=True)


def _call(logs) -> object:
    result = call_in_runner(paths.SOLUTIONS, EXERCISE, "analyze_dask", (logs,),
                            {"workers": 2}, timeout=120)
    assert result.ok, f"{result.status} {result.error}\n{result.traceback}\n{result.stderr}"
    assert result.value == reference.load(EXERCISE).analyze_sequential(logs)
    return result


@pytest.fixture
def logs(tmp_path):
    return write_log_files(tmp_path / "log", n_files=6, lines_per_file=20_000, seed=7)


def test_a_call_leaves_no_cluster_process_and_no_segment(logs, mark):
    entries = _dev_shm()
    result = _call(logs)
    assert result.started_cpu_seconds > 0.5, result  # the counting ran in the workers
    assert _left_behind(mark) == set()
    # a test running beside this one may own a new entry for a moment: the grace lets it go
    assert shm_check.leftovers(entries, semaphores=True) == set()


@pytest.mark.skipif(bubblewrap.unavailable_reason() != "", reason="no bubblewrap sandbox here")
def test_the_cluster_runs_inside_the_grader_s_sandbox(logs, mark, monkeypatch, sandbox_uid):
    policy = bubblewrap.Policy(uid=sandbox_uid, shared=(str(logs[0].parent.parent),))
    monkeypatch.setenv(bubblewrap.VARIABLE, policy.to_env())
    result = _call(logs)
    assert result.started_cpu_seconds > 0.5, result
    assert result.sandbox_segments == set(), result
    assert _left_behind(mark) == set()


def test_the_cluster_shapes_measured_for_the_page_do_real_work(logs):
    """scripts/measure_bai10_dask.py's extra rows (tangtoc/experiments/dask_log.py): the
    reference's graph on one worker process with 2 threads gives the sequential summary, and
    the empty cluster whose start-up the page quotes really had its 2 workers."""
    experiment = "tangtoc.experiments.dask_log"
    threads = call_in_runner(paths.ROOT, experiment, "analyze_in_threads", (logs,),
                             {"threads": 2}, timeout=120)
    assert threads.ok, f"{threads.status} {threads.error}\n{threads.traceback}"
    assert threads.value == reference.load(EXERCISE).analyze_sequential(logs)
    empty = call_in_runner(paths.ROOT, experiment, "start_and_stop", (), {"workers": 2},
                           timeout=120)
    assert empty.ok and empty.value == 2, f"{empty.status} {empty.error}"

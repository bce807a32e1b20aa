"""The runner: a call in a fresh child process, timed by the judge, bounded and contained."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from worker_cpu import ThreadWatch

from tangtoc import processes, runner, shm_check
from tangtoc.runner import call_in_runner, call_or_raise

TARGETS = Path(__file__).parent / "fixtures" / "runner_targets"


def call(function, *args, **settings):
    return call_in_runner(TARGETS, "sample", function, args, **settings)


def test_returns_value_and_judge_measured_time():
    result = call("add", 2, 3)
    assert result.status == "returned" and result.value == 5
    assert 0 < result.seconds < 5


def test_call_or_raise_returns_the_result_or_raises_with_the_cause():
    assert call_or_raise(TARGETS, "sample", "add", (2, 3)).value == 5
    with pytest.raises(RuntimeError, match="fail: raised"):
        call_or_raise(TARGETS, "sample", "fail", timeout=30)


def test_prints_do_not_corrupt_the_protocol():
    result = call("noisy")
    assert result.value == "ok"
    assert "in ra stdout" in result.stderr and "in ra stderr" in result.stderr


def test_exception_is_reported_with_its_type():
    result = call("fail")
    assert result.status == "raised"
    assert (result.error_type, result.error) == ("ValueError", "hỏng rồi")


def test_a_huge_exception_message_is_cut():
    """20 MB of message once made a 320 MB results.json."""
    result = call("fail_at_length", 10**7)
    assert result.status == "raised" and len(result.error) < 2 * runner.MAX_MESSAGE_CHARS
    assert result.error.endswith(f"(cắt bớt {10**7 - runner.MAX_MESSAGE_CHARS} ký tự)")
    assert len(result.traceback) <= runner.MAX_MESSAGE_CHARS


def test_missing_function_is_an_error_not_a_crash():
    result = call("no_such_function")
    assert result.status == "raised" and result.error_type == "AttributeError"


def test_import_error_is_reported():
    result = call_in_runner(TARGETS, "broken_import", "anything")
    assert result.status == "import_error" and "lỗi khi nhập" in result.error


def test_hang_becomes_timeout():
    started = time.perf_counter()
    result = call("hang", timeout=1)
    assert result.status == "timeout"
    assert time.perf_counter() - started < 10


def test_crash_is_reported():
    result = call("crash")
    assert result.status == "crashed" and "3" in result.error


def test_hostile_pickle_cannot_run_code_in_the_judge(tmp_path):
    marker = tmp_path / "pwned"
    result = call("evil_result", str(marker))
    assert result.status == "bad_result"
    assert not marker.exists()


def test_work_done_while_importing_is_timed():
    result = call_in_runner(TARGETS, "slow_import", "ready")
    assert result.value == "xong" and result.seconds >= 0.5


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_a_process_escaping_the_group_neither_hangs_the_judge_nor_survives():
    started = time.perf_counter()
    pid = call("escape_session").value
    assert time.perf_counter() - started < 15
    _assert_gone(pid)


def test_a_garbled_frame_ends_the_call():
    started = time.perf_counter()
    result = call("huge_header", timeout=60)
    assert result.status == "crashed" and "quá lớn" in result.error
    assert time.perf_counter() - started < 20


def test_unpicklable_result_is_an_error():
    assert call("unpicklable").status == "raised"


def test_patching_the_clock_in_the_child_does_not_change_the_timing():
    result = call("patch_clock_then_sleep")
    assert result.value == "xong" and result.seconds >= 0.3


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_processes_left_behind_are_killed():
    _assert_gone(call("leave_orphan").value)


def _assert_gone(pid: int) -> None:
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + 5
    while stat.exists() and stat.read_text().split(") ")[1][0] != "Z":
        assert time.monotonic() < deadline, f"process {pid} survived the runner"
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/dev/shm").is_dir() or not Path("/proc").is_dir(),
                    reason="needs /dev/shm and /proc")
@pytest.mark.parametrize("start_method", ["spawn", "forkserver"])
@pytest.mark.parametrize("ending", ["hang", "die"])
def test_named_semaphores_of_a_killed_call_are_unlinked(tmp_path, ending, start_method):
    """Under spawn/forkserver multiprocessing's resource tracker unlinks what a dead process
    left in /dev/shm: the runner must not kill it together with the call's other processes."""
    record = tmp_path / "name"
    result = call("semaphore_then", ending, start_method, str(record), timeout=1)
    assert result.status == ("timeout" if ending == "hang" else "crashed")
    semaphore = Path("/dev/shm") / ("sem." + record.read_text().lstrip("/"))
    assert not semaphore.exists(), f"{semaphore} left behind"
    if ending == "hang":  # the tracker's warning is caused by the judge's kill: not reported
        assert "resource_tracker" not in result.stderr, result.stderr


def test_a_semaphore_no_tracker_knows_is_swept_after_the_call(tmp_path):
    """Killing a call can orphan a named semaphore before the resource tracker hears of it
    (CI saw one sem.mp-* left after a suite): the runner unlinks what nobody holds."""
    record = tmp_path / "name"
    result = call("unregistered_semaphore", str(record), timeout=30)
    assert result.status == "crashed", result
    semaphore = Path("/dev/shm") / ("sem." + record.read_text().lstrip("/"))
    assert not semaphore.exists(), f"{semaphore} left behind"


def test_the_sweep_keeps_a_semaphore_a_live_process_holds():
    name = f"/mp-tangtoc-test-held-{os.getpid()}"
    code = ("import _multiprocessing, sys; lock = _multiprocessing.SemLock(1, 1, 1, sys.argv[1], "
            "False); print('ready', flush=True); sys.stdin.read()")
    semaphore = Path("/dev/shm") / ("sem." + name.lstrip("/"))
    with shm_check.orphan_semaphores_swept():
        holder = subprocess.Popen([sys.executable, "-c", code, name], text=True,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        ready = holder.stdout.readline()
    try:
        assert ready == "ready\n" and semaphore.exists()
    finally:
        holder.stdin.close()
        holder.wait()
        semaphore.unlink(missing_ok=True)


needs_proc = pytest.mark.skipif(not Path("/proc/stat").is_file(), reason="needs Linux /proc")


@needs_proc
@pytest.mark.parametrize("start_method", ["fork", "spawn", "forkserver"])
def test_the_judge_measures_the_cpu_of_the_whole_process_tree(start_method):
    """Two pool workers burn 0.6 s each: the judge sees ≈ 1.2 s under every start method
    (the runner's own os.times() sees nothing of forkserver's workers)."""
    result = call("burn_in_processes", 0.6, 2, start_method, timeout=60)
    assert result.ok and 1.1 <= result.tree_cpu_seconds <= 2.5, result


@needs_proc
@pytest.mark.parametrize("start_method", ["fork", "spawn", "forkserver"])
def test_the_cpu_of_the_processes_the_call_started_is_told_apart(start_method):
    """Work done by pool workers is the started processes' CPU; work done in the runner (a
    sequential submission) is not, under every start method."""
    parallel = call("burn_in_processes", 0.6, 2, start_method, timeout=60)
    assert parallel.ok and parallel.started_cpu_seconds >= 1.0, parallel
    alone = call("spin", 0.6, timeout=60)
    assert alone.ok and alone.started_cpu_seconds < 0.05 < alone.tree_cpu_seconds, alone


@needs_proc
def test_the_judge_tells_the_threads_that_worked_from_the_main_one():
    """Sampled while the call runs (a pool's threads are gone when the reply arrives). The
    main thread is busy too here: it submits one task per number."""
    with ThreadWatch() as threads:
        assert call("steps_threads", list(range(1, 60_000)), 2, timeout=60).ok
    assert threads.other_seconds >= 0.2 and len(threads.seconds) == 3, threads.seconds
    with ThreadWatch() as alone:
        assert call("spin", 0.3, timeout=60).ok
    assert alone.other_seconds < 0.05 and alone.main_seconds >= 0.25, alone.seconds


@needs_proc
def test_cpu_burnt_after_the_reply_does_not_count():
    result = call("burn_after_reply", 2.0, timeout=60)
    assert result.ok and result.tree_cpu_seconds < 0.6, result


@needs_proc
def test_the_cpu_of_an_orphaned_grandchild_still_counts():
    result = call("burn_in_orphan", 0.6, timeout=60)
    assert result.ok and result.tree_cpu_seconds >= 0.55, result


@needs_proc
@pytest.mark.speed
def test_the_judge_measures_what_else_used_the_cpu_meanwhile():
    """A process beside the call burns one core: the call's background is ≈ 1 core; without
    it, ≈ 0 (this test is timing-sensitive: run it alone, like the speed tests)."""
    quiet = call("spin", 0.5, timeout=60)
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        busy = call("spin", 0.5, timeout=60)
    finally:
        burner.kill()
        burner.wait()
    assert busy.background_cores > 0.6, busy
    assert quiet.background_cores < busy.background_cores - 0.4, (quiet, busy)


@pytest.mark.parametrize("start_method", ["fork", "spawn", "forkserver"])
def test_bytes_written_count_what_went_to_the_workers(start_method):
    small = call("send_to_a_worker", 100, start_method)
    big = call("send_to_a_worker", 5_000_000, start_method)
    assert small.value == 100 and big.value == 5_000_000
    assert small.bytes_written < 200_000, small
    assert 5_000_000 <= big.bytes_written < 5_200_000 + small.bytes_written, big


@needs_proc
def test_bytes_written_are_the_judges_whatever_the_reply_says():
    """The submission writes a reply itself, first: one claiming 0 bytes written (the old
    reply's shape) is refused, and with the right shape the judge still counts what it sent."""
    claiming = call("send_and_forge_the_reply", 5_000_000, 0.0, 0, 0)
    assert claiming.status == "bad_result", claiming
    forged = call("send_and_forge_the_reply", 5_000_000)
    assert forged.value == 5_000_000 and forged.bytes_written >= 5_000_000, forged


@needs_proc
def test_the_writes_of_an_orphaned_grandchild_still_count():
    result = call("write_in_orphan", 3_000_000)
    assert result.ok and result.bytes_written >= 3_000_000, result


def test_writes_the_judge_may_not_read_are_unknown_not_zero(monkeypatch):
    def denied(pid):
        raise PermissionError(f"/proc/{pid}/io")

    monkeypatch.setattr(processes, "written", denied)
    result = call("send_to_a_worker", 100, "fork")
    assert result.ok and (result.bytes_written, result.write_calls) == (None, None), result


def test_write_calls_count_the_messages_sent():
    few = call("send_messages", 3)
    many = call("send_messages", 300)
    assert few.value == 3 and many.value == 300
    assert many.write_calls - few.write_calls >= 297, (few, many)
    assert few.write_calls < 100, few


def test_stderr_lines_are_stamped_as_they_arrive():
    result = call("progress_then_pause", 3, 0.3, stamp_stderr=True)
    times = [seconds for seconds, line in result.stderr_lines if line.startswith("dòng ")]
    assert [line for _, line in result.stderr_lines] == ["dòng 0", "dòng 1", "dòng 2"]
    assert 0.25 < times[1] - times[0] < 0.6 and 0.25 < times[2] - times[1] < 0.6, times
    assert result.seconds - times[2] > 0.25, (result.seconds, times)
    assert call("add", 1, 2).stderr_lines is None


def test_outside_a_sandbox_no_private_dev_shm_is_read():
    result = call("add", 1, 2)
    assert result.sandbox_segments is None


def test_a_segment_held_beside_the_call_is_neither_leaked_nor_removed(tmp_path):
    """Under pytest-xdist another test's live segment may appear during a call: the leak check
    must not blame this call for it, nor unlink it under the other test's feet. Segments are
    plain files in /dev/shm: one held open by a live process, one that nobody holds."""
    held, dropped = (shm_check.SHM_DIR / f"tangtoc_test_{tmp_path.name}_{kind}"
                     for kind in ("held", "dropped"))
    holder = None
    try:
        with shm_check.watch(grace=0.2) as leaked:
            held.write_bytes(b"x")
            holder = subprocess.Popen(
                [sys.executable, "-c", "import sys; f = open(sys.argv[1]); print('ready', "
                 "flush=True); sys.stdin.read()", str(held)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            assert holder.stdout.readline() == "ready\n"
            dropped.write_bytes(b"x")
        assert leaked == {dropped.name} and held.exists() and not dropped.exists()
    finally:
        if holder:
            holder.stdin.close()
            holder.wait()
        held.unlink(missing_ok=True)
        dropped.unlink(missing_ok=True)

"""tangtoc.bubblewrap on its own: the calls' sandbox as the grader's judge starts it."""

import os
import socket
import textwrap

import pytest

from tangtoc import bubblewrap
from tangtoc.script_run import run_script

pytestmark = pytest.mark.skipif(bubblewrap.unavailable_reason() != "",
                                reason="this machine cannot make a bubblewrap sandbox")

PROBE = """
import os, socket, sys
def reach(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return "reached"
    except OSError:
        return "refused"
print(os.getuid(), reach({served}), reach({host}), sorted(os.listdir("/")))
"""


@pytest.fixture
def sandboxed(monkeypatch, sandbox_uid):
    monkeypatch.setenv(bubblewrap.VARIABLE, bubblewrap.Policy(uid=sandbox_uid).to_env())
    return sandbox_uid


def _listener() -> socket.socket:
    return socket.create_server(("127.0.0.1", 0))


def _program(folder, served: int, host: int):
    """The probe, readable by the calls' uid (pytest's folders are the owner's only)."""
    folder.chmod(0o755)
    program = folder / "probe.py"
    program.write_text(textwrap.dedent(PROBE.format(served=served, host=host)))
    return program


def test_a_call_reaches_the_served_namespace_and_nothing_of_the_host(sandboxed, tmp_path):
    host = _listener()
    with bubblewrap.network_for_calls() as inside:
        served = inside(_listener) if inside else _listener()
        program = _program(tmp_path, served.getsockname()[1], host.getsockname()[1])
        run = run_script(program, timeout=30)
    assert run.returncode == 0, run.explain()
    uid, to_served, to_host, _ = run.stdout.split(" ", 3)
    assert to_served == "reached"
    if os.geteuid() == 0:  # the served namespace holds only a loopback
        assert to_host == "refused" and int(uid) == sandboxed


def test_without_a_served_namespace_a_call_has_no_network(sandboxed, tmp_path):
    host = _listener()
    program = _program(tmp_path, host.getsockname()[1], host.getsockname()[1])
    run = run_script(program, timeout=30)
    assert run.returncode == 0, run.explain()
    assert run.stdout.split(" ")[1:3] == ["refused", "refused"]


def test_in_the_sandbox_the_judge_still_tells_the_runner_from_the_processes_it_started(
        sandboxed):
    """bubblewrap and its helpers sit above the runner and carry its command line in theirs:
    the runner is still found, so work done by the runner alone is not counted as its
    workers' (tangtoc.cpu_usage)."""
    from test_runner import TARGETS

    from tangtoc.runner import call_in_runner

    parallel = call_in_runner(TARGETS, "sample", "burn_in_processes", (0.6, 2, "fork"),
                              timeout=60)
    assert parallel.ok and parallel.started_cpu_seconds >= 1.0, parallel
    alone = call_in_runner(TARGETS, "sample", "spin", (0.6,), timeout=60)
    assert alone.ok and alone.started_cpu_seconds < 0.05 < alone.tree_cpu_seconds, alone


def test_the_judge_sees_what_a_call_left_in_the_sandbox_s_own_dev_shm(sandboxed):
    """The sandbox's /dev/shm is private: the judge reads it through /proc/<runner>/root
    when the reply arrives (a leak the resource tracker does not know of warns nowhere)."""
    from test_runner import TARGETS

    from tangtoc import shm_check
    from tangtoc.runner import call_in_runner

    before = shm_check.segments()
    leaked = call_in_runner(TARGETS, "sample", "leak_untracked_segment", (True,), timeout=60)
    assert leaked.ok and leaked.sandbox_segments == {leaked.value}, leaked
    assert leaked.value not in shm_check.segments() - before  # the judge's own is blind to it
    clean = call_in_runner(TARGETS, "sample", "leak_untracked_segment", (False,), timeout=60)
    assert clean.ok and clean.sandbox_segments == set(), clean



def test_a_script_s_leak_in_the_sandbox_s_own_dev_shm_is_caught(sandboxed):
    """bai08_shm_ro_ri in the sandbox: the program names its segment after its pid in the
    sandbox's pid namespace, in the sandbox's /dev/shm, and silences the resource tracker; the
    judge still finds the segment (test_method_checks grades the same program unsandboxed),
    and the course's solution, which unlinks it, still passes."""
    from test_method_checks import WRONG

    from tangtoc import catalog, paths
    from tangtoc.graded_run import run_graded_tests

    exercise, name = catalog.get("bai08_shm_ro_ri"), "test_leaves_no_shared_memory_behind"
    leaking = [r for r in run_graded_tests(exercise, WRONG / "untracked_leak", "not speed")
               if name in r.nodeid]
    assert leaking and all(r.outcome == "failed" and "tangtoc_bai08_" in r.message
                           and "vẫn còn" in r.message for r in leaking), leaking
    solved = [r for r in run_graded_tests(exercise, paths.SOLUTIONS, "not speed")
              if name in r.nodeid]
    assert solved and all(r.outcome == "passed" for r in solved), solved


NAMESPACES_AND_KEYS = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
made = libc.unshare(0x10000000)  # CLONE_NEWUSER
print("unshare", made, ctypes.get_errno())
ADD_KEY, REQUEST_KEY, USER_KEYRING = 248, 249, -4  # x86_64
found = libc.syscall(REQUEST_KEY, b"user", b"tangtoc_probe", None, 0)
print("found", found >= 0)
libc.syscall(ADD_KEY, b"user", b"tangtoc_probe", b"hello", 5, USER_KEYRING)
"""


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the probe's syscall numbers")
def test_a_call_can_make_no_user_namespace_and_finds_no_key_of_an_earlier_call(sandboxed,
                                                                               tmp_path):
    """A user namespace would give the call every capability over mounts of its own (attack
    review, Dec 2026); a key in the kernel's user keyring carried messages between calls."""
    if not bubblewrap.disable_userns():
        pytest.skip("bwrap < 0.8 has no --disable-userns (the teacher's page says so)")
    tmp_path.chmod(0o755)
    program = tmp_path / "probe.py"
    program.write_text(NAMESPACES_AND_KEYS)
    for _ in range(2):  # the second call would find the first one's key
        run = run_script(program, timeout=30)
        assert run.returncode == 0, run.explain()
        made, found = run.stdout.split("\n")[:2]
        assert made.split()[1] == "-1", run.stdout
        assert found == "found False", run.stdout

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
def sandboxed(monkeypatch):
    uid = bubblewrap.FIRST_UID if os.geteuid() == 0 else None
    monkeypatch.setenv(bubblewrap.VARIABLE, bubblewrap.Policy(uid=uid).to_env())


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
        assert to_host == "refused" and int(uid) == bubblewrap.FIRST_UID


def test_without_a_served_namespace_a_call_has_no_network(sandboxed, tmp_path):
    host = _listener()
    program = _program(tmp_path, host.getsockname()[1], host.getsockname()[1])
    run = run_script(program, timeout=30)
    assert run.returncode == 0, run.explain()
    assert run.stdout.split(" ")[1:3] == ["refused", "refused"]

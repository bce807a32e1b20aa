"""Usable cores: affinity and cgroup quotas, read from fixture files and from this machine."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tangtoc import cores

FIXTURES = Path(__file__).parent / "fixtures" / "cgroup"


@pytest.mark.parametrize(("name", "cpus"), [
    ("cpu.max.one_and_a_half", 1.5), ("cpu.max.four", 4.0), ("cpu.max.unlimited", None),
])
def test_parse_cpu_max_fixture_files(name, cpus):
    assert cores.parse_cpu_max((FIXTURES / name).read_text()) == cpus


def test_parse_cfs_quota_v1():
    assert cores.parse_cfs_quota("200000\n", "100000\n") == 2.0
    assert cores.parse_cfs_quota("-1\n", "100000\n") is None


def test_own_cgroup_paths():
    text = (FIXTURES / "proc_self_cgroup.v2").read_text()
    assert cores.own_cgroup_paths(text)[""] == "/user.slice/session-3.scope"
    v1 = cores.own_cgroup_paths("12:cpu,cpuacct:/docker/abc\n4:pids:/x\n")
    assert v1 == {"cpu": "/docker/abc", "cpuacct": "/docker/abc", "pids": "/x"}


def _cgroup_tree(root: Path, parent_limit: str, own_limit: str) -> str:
    own = root / "user.slice" / "session-3.scope"
    own.mkdir(parents=True)
    (root / "user.slice" / "cpu.max").write_text(parent_limit)
    (own / "cpu.max").write_text(own_limit)
    return (FIXTURES / "proc_self_cgroup.v2").read_text()


def test_tightest_quota_on_the_path_wins(tmp_path):
    proc = _cgroup_tree(tmp_path, (FIXTURES / "cpu.max.one_and_a_half").read_text(),
                        (FIXTURES / "cpu.max.four").read_text())
    assert cores.cgroup_cpu_limit(tmp_path, proc) == 1.5


def test_no_quota_anywhere(tmp_path):
    unlimited = (FIXTURES / "cpu.max.unlimited").read_text()
    proc = _cgroup_tree(tmp_path, unlimited, unlimited)
    assert cores.cgroup_cpu_limit(tmp_path, proc) is None


def test_usable_cores_on_this_machine_is_within_bounds():
    assert 1 <= cores.usable_cores() <= (os.cpu_count() or 1)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")
def test_affinity_to_one_cpu_gives_one_core():
    code = ("import os, json; from tangtoc import cores; "
            "os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
            "print(json.dumps([cores.usable_cores(), os.cpu_count()]))")
    usable, total = json.loads(subprocess.check_output([sys.executable, "-c", code]))
    assert usable == 1
    assert total == os.cpu_count()  # os.cpu_count() alone would have missed the limit

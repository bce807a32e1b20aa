"""CPU evidence measured from the judge's side (DESIGN.md §4 rules 5 and 6), from Linux's /proc.

Two figures per runner call, both read by the judge at the moment the reply arrives, so nothing
the submission does after answering (e.g. burning CPU to look parallel) can change them:

* the CPU time of the call's whole process tree: for every live (or zombie) process descended
  from the runner process, utime + stime + cutime + cstime (proc_pid_stat(5) fields 14–17, not
  hidden by the ptrace check, so readable for a sandbox's other uid too). A process that ended
  and was waited for has its times in its reaper's cutime/cstime (times(2)), so each CPU-second
  is counted once as long as every orphan is reaped inside the tree: true under the grader's
  PID namespace (its init reaps orphans) and, elsewhere, because the runner child makes itself
  a child subreaper (PR_SET_CHILD_SUBREAPER) before importing student code. The forkserver
  reaps its workers itself and stays alive, so its cutime holds them: the runner's own
  os.times() never sees those (it read ≈ 0 under forkserver).
* the CPU of the processes the call started (its workers, a fork server, reaped children):
  the tree's figure minus the runner's own utime + stime. The runner is the shallowest process
  of the tree run as `python -m tangtoc.runner_child` (a sandbox puts bubblewrap above it;
  forked workers carry the same command line one level deeper). Sequential code in the runner
  leaves it near zero whatever it does.
* the CPU the rest of the machine used meanwhile: busy time of /proc/stat's "cpu" line over the
  call's wall time, minus the call's tree and the judge's own CPU. A student's laptop is never
  idle; a speed verdict trusts only what was measured while the machine was quiet.

Elsewhere (no /proc) both figures are None and the verdict falls back to the speed-up alone.
"""

import contextlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass

from tangtoc import processes

TICK = 1 / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.01
# /proc/stat "cpu" columns: user nice system idle iowait irq softirq steal guest guest_nice.
# Busy = all but idle and iowait; guest time is already inside user/nice. Steal counts: on a
# shared virtual machine the hypervisor taking a core is interference like any other.
BUSY_COLUMNS = (0, 1, 2, 5, 6, 7)
STAT_TIMES = slice(11, 15)  # utime stime cutime cstime, counted after the ") " ending comm


RUNNER_ARGV = [b"-m", b"tangtoc.runner_child"]  # the runner's argv[1:3] (tangtoc.runner); a
# sandbox's wrappers carry these words later in theirs


@dataclass(frozen=True)
class TreeCpu:
    total: float  # the whole tree, reaped children included
    started: float | None  # processes below the runner (None: no runner found in the tree)
    runner: int | None = None  # the runner's pid


def _is_runner(pid: int) -> bool:
    try:
        return processes.cmdline(pid).split(b"\0")[1:3] == RUNNER_ARGV
    except OSError:
        return False


def _times(fields: list[str]) -> list[int]:
    """utime stime cutime cstime of one process's stat() fields, in clock ticks."""
    return [int(value) for value in fields[STAT_TIMES]] if len(fields) >= STAT_TIMES.stop else []


def tree_cpu(root: int) -> TreeCpu | None:
    """CPU seconds used so far by `root` and every process descended from it, and by those
    below the runner (see above); None without /proc or once root is gone."""
    return cpu_of(processes.tree(root))


def cpu_of(tree: dict[int, list[str]]) -> TreeCpu | None:
    """tree_cpu of a processes.tree() already read; None if it is empty."""
    if not tree:
        return None
    total, runner = 0, None
    for pid, fields in tree.items():  # breadth first: the first runner found is the shallowest
        total += sum(_times(fields))
        if runner is None and _is_runner(pid):
            runner = pid
    started = None if runner is None else total - sum(_times(tree[runner])[:2])
    return TreeCpu(total * TICK, None if started is None else started * TICK, runner)


def thread_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (utime + stime) used so far by each live thread of `pid`, by thread id (the
    main thread's id is pid); {} without /proc or once pid is gone. A thread that ended has
    its time folded into the process's, so a caller that wants to know which threads worked
    samples while they run (tests/graded/worker_cpu.py)."""
    seconds = {}
    for tid in processes.thread_ids(pid):
        fields = processes.thread_stat(pid, tid)
        if len(fields) >= STAT_TIMES.stop:
            seconds[tid] = sum(int(value) for value in fields[STAT_TIMES][:2]) * TICK
    return seconds


def machine_busy_seconds() -> float | None:
    """CPU seconds all cores have spent busy since boot (/proc/stat), None where unknown."""
    columns = processes.machine_cpu_ticks()
    if columns is None:
        return None
    return sum(columns[i] for i in BUSY_COLUMNS if i < len(columns)) * TICK


def own_cpu_seconds() -> float:
    """This (judging) process's CPU, all threads, without its children."""
    times = os.times()
    return times.user + times.system


@dataclass(frozen=True)
class Usage:
    """What the judge measured for one call, at the moment its reply arrived."""

    tree_cpu_seconds: float | None  # the call's whole process tree
    background_cores: float | None  # cores' worth of CPU used by everything else meanwhile
    started_cpu_seconds: float | None = None  # the processes the call started (below the runner)
    runner_pid: int | None = None  # the runner, found in the tree (e.g. inside a sandbox)


class Window:
    """Opened just before a call starts; `close(tree)` when its reply arrives, with the call's
    processes.tree()."""

    def __init__(self):
        self.started = time.perf_counter()
        self.machine = machine_busy_seconds()
        self.judge = own_cpu_seconds()

    def close(self, processes_tree: dict[int, list[str]]) -> Usage:
        tree = cpu_of(processes_tree)  # first: the tree's figure is the one that matters most
        machine, judge = machine_busy_seconds(), own_cpu_seconds()
        seconds = time.perf_counter() - self.started
        if tree is None:
            return Usage(None, None)
        if machine is None or self.machine is None or seconds <= 0:
            return Usage(tree.total, None, tree.started, tree.runner)
        others = (machine - self.machine) - tree.total - (judge - self.judge)
        return Usage(tree.total, max(0.0, others) / seconds, tree.started, tree.runner)


# Busy for `duty` of every 10 ms: a browser or an editor beside the check, for the tests of the
# busy-machine path and the benchmark (scripts/benchmark_speed_checks.py).
_LOAD = """
import sys, time
duty = float(sys.argv[1]) * 0.01
while True:
    start = time.perf_counter()
    while time.perf_counter() - start < duty:
        pass
    time.sleep(max(0.0, 0.01 - duty))
"""


@contextlib.contextmanager
def background_load(fraction: float):
    """One process using about `fraction` of a core while the block runs (0: nothing)."""
    if fraction <= 0:
        yield
        return
    process = subprocess.Popen([sys.executable, "-c", _LOAD, str(min(fraction, 1.0))])
    try:
        time.sleep(0.2)
        yield
    finally:
        process.kill()
        process.wait()

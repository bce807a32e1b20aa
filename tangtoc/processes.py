"""Processes as Linux shows them in /proc, and how the judge ends them: the one module of the
package that reads /proc (a project test keeps it so).

Everything a call starts inherits a tag in its environment (VARIABLE=tag, e.g. the runner's
TAG_VARIABLE): a process found with it belongs to that call, also after it left the call's
process group (setsid). Where /proc is missing (macOS, Windows) the scans find nothing and the
readers raise OSError or answer None.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where needed: the runner child imports this module
    import subprocess

PROC = Path("/proc")
EXIT_GRACE_SECONDS = 2.0
TRACKER_GRACE_SECONDS = 2.0
KILL_ROUNDS, KILL_ROUND_SECONDS = 20, 0.02  # kill_process_tree_now's rescans
TRACKER_MARK = b"multiprocessing.resource_tracker"  # in the command line of the tracker process
# prctl(2) options, from <sys/prctl.h>
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36

now = time.perf_counter  # bound at import: later patching of the time module changes nothing here


def available() -> bool:
    return PROC.is_dir()


def pids() -> list[int]:
    """Every process there is now (empty without /proc)."""
    try:
        return [int(entry.name) for entry in PROC.iterdir() if entry.name.isdigit()]
    except OSError:
        return []


def stat(pid: int | str) -> list[str]:
    """Fields of /proc/PID/stat after the command name: state, ppid, pgrp, …; [] if gone."""
    try:
        return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def tree(root: int) -> dict[int, list[str]]:
    """stat() of root and of every process descended from it now, breadth first (a parent
    before its children); {} once root is gone or without /proc."""
    return below({pid: fields for pid in pids() if len(fields := stat(pid)) >= 2}, root)


def below(tree: dict[int, list[str]], root: int) -> dict[int, list[str]]:
    """The part of `tree` (stat() fields by pid, e.g. a tree()) at and under root, breadth
    first: one walk of /proc serves several measures of a moment."""
    children: dict[int, list[int]] = {}
    for pid, fields in tree.items():
        children.setdefault(int(fields[1]), []).append(pid)
    found: dict[int, list[str]] = {}
    level = [root] if root in tree else []
    while level:
        found.update((pid, tree[pid]) for pid in level)
        level = [child for pid in level for child in children.get(pid, [])]
    return found


def read_text(pid: int | str, name: str) -> str:
    """/proc/PID/NAME (e.g. "status", "smaps_rollup"); raises OSError if unreadable."""
    return (PROC / str(pid) / name).read_text(encoding="utf-8")


def file_in_use(path: Path) -> bool:
    """Whether a live process maps this file or holds it open, told by device and inode: a
    named semaphore is mapped under a temporary name before it gets its own (glibc's
    sem_open), so its creator's maps never show the path. False where /proc is missing or the
    file is gone; processes this user may not read count as not holding it."""
    try:
        file = os.stat(path)
    except OSError:
        return False
    device = f"{os.major(file.st_dev):02x}:{os.minor(file.st_dev):02x}"
    for pid in pids():
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for line in read_text(pid, "maps").splitlines():
                fields = line.split(maxsplit=5)
                if len(fields) >= 5 and fields[3] == device and fields[4] == str(file.st_ino):
                    return True
            for fd in (PROC / str(pid) / "fd").iterdir():
                with contextlib.suppress(OSError):
                    opened = os.stat(fd)
                    if (opened.st_dev, opened.st_ino) == (file.st_dev, file.st_ino):
                        return True
    return False


def cmdline(pid: int) -> bytes:
    """The command line, arguments separated by NUL bytes; raises OSError if unreadable."""
    return (PROC / str(pid) / "cmdline").read_bytes()


def thread_count(pid: int) -> int:
    """Threads of the process now; raises OSError if unreadable."""
    return len(os.listdir(PROC / str(pid) / "task"))


def thread_ids(pid: int) -> list[int]:
    """The ids of the process's threads now (the main thread's is pid); [] if gone."""
    try:
        return [int(name) for name in os.listdir(PROC / str(pid) / "task") if name.isdigit()]
    except OSError:
        return []


def thread_stat(pid: int, tid: int) -> list[str]:
    """Like stat(), for one thread of the process (/proc/PID/task/TID/stat); [] if gone."""
    return stat(f"{pid}/task/{tid}")


def root(pid: int) -> Path:
    """The process's view of the file system (its mount namespace: a sandbox's own /tmp)."""
    return PROC / str(pid) / "root"


def running(pid: int) -> bool:
    """Alive and not a zombie (the init process may take a while to reap orphans)."""
    return stat(pid)[:1] not in ([], ["Z"], ["X"])


def group_members(group: int) -> list[int]:
    return [pid for pid in pids() if stat(pid)[2:3] == [str(group)]]


def owned_by(uid: int) -> list[int]:
    found = []
    for pid in pids():
        with contextlib.suppress(OSError):
            if (PROC / str(pid)).stat().st_uid == uid:
                found.append(pid)
    return found


def tagged_pids(tag: str, variable: str) -> list[int]:
    """Processes whose environment holds variable=tag: also those that left the process
    group (setsid). Empty where /proc is missing."""
    marker = f"{variable}={tag}".encode()
    found = []
    for pid in pids():
        try:
            if marker in (PROC / str(pid) / "environ").read_bytes().split(b"\0"):
                found.append(pid)
        except OSError:
            continue
    return found


def kill(pids_to_kill) -> None:
    """SIGKILL each of these processes (those already gone are skipped)."""
    for pid in pids_to_kill:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def kill_tagged(tag: str, variable: str) -> int:
    """SIGKILL every process carrying the tag; return how many there were."""
    found = tagged_pids(tag, variable)
    kill(found)
    return len(found)


def machine_cpu_ticks() -> list[int] | None:
    """The columns of /proc/stat's "cpu" line (clock ticks since boot: user nice system idle
    iowait irq softirq steal …), None where unknown."""
    try:
        first = (PROC / "stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    if not first or first[0] != "cpu":
        return None
    return [int(value) for value in first[1:]]


def written(pid: int) -> tuple[int, int]:
    """Bytes the process (every thread) and the children it reaped have passed to write() so
    far, and in how many write() calls: pipes and files count, shared memory does not (Linux:
    /proc/PID/io, wchar and syscw; a zombie's stay readable until it is reaped, then they are
    its reaper's). Raises PermissionError where this user may not read them (another uid, or
    a process that made itself non-dumpable, unless we are root), another OSError once gone."""
    counters = dict(line.split(":", 1) for line in read_text(pid, "io").splitlines()
                    if ":" in line)
    try:
        return int(counters["wchar"]), int(counters["syscw"])
    except (KeyError, ValueError) as exc:
        raise OSError(f"/proc/{pid}/io: {exc}") from None


def prctl(option: int, value: int) -> None:
    """Linux prctl(2) on this process (through the C library); nothing elsewhere."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(option, int(value), 0, 0, 0)


def kill_process_tree_now(process: subprocess.Popen, tag: str, variable: str) -> None:
    """end_process_tree without the grace, for a child whose time is up or whose work is done
    (the grader's judge): SIGKILL its session, then every process still carrying the tag until
    a scan finds none (a fork loop may add tagged processes for a moment; at most KILL_ROUNDS
    scans); reap the child."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    for _ in range(KILL_ROUNDS):
        if not kill_tagged(tag, variable):
            break
        time.sleep(KILL_ROUND_SECONDS)
    process.wait()


def end_process_tree(process: subprocess.Popen, tag: str, variable: str) -> None:
    """Give a child started in its own session (with variable=tag) a moment to exit, then
    kill its process group and every process still carrying the tag; reap the child."""
    import subprocess

    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=EXIT_GRACE_SECONDS)
    if os.name == "posix":
        # Once empty, a group is gone for good, and its number may soon name another process's
        # group: signal it only while it still has members.
        group = None if _wait_for_group_exit(process.pid, EXIT_GRACE_SECONDS / 4) else process.pid
        _kill_trackers_last(group, tag, variable)
        if group is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        kill(tagged_pids(tag, variable))
    else:
        process.kill()
    process.wait()


def _wait_for_group_exit(group: int, seconds: float) -> bool:
    """Give helpers such as multiprocessing's resource tracker a moment to clean up and exit;
    whether the group is gone."""
    deadline = now() + seconds
    while True:
        try:
            os.killpg(group, 0)
        except (ProcessLookupError, PermissionError):
            return True
        if now() >= deadline:
            return False
        time.sleep(0.02)


def _kill_trackers_last(group: int | None, tag: str, variable: str) -> None:
    """Kill the call's processes except multiprocessing's resource trackers, then give those a
    moment. Under spawn/forkserver a named semaphore or shared memory block stays in /dev/shm
    until someone unlinks it; the tracker does so for everything still registered once no
    process holds its pipe, but only if it is not killed together with the others. The group
    is stopped first so nothing in it can fork meanwhile; SIGKILL comes later for the trackers
    (they ignore SIGTERM), so this never waits longer than TRACKER_GRACE_SECONDS."""
    members = []
    if group is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGSTOP)
        members = group_members(group)
    trackers = []
    for pid in set(members) | set(tagged_pids(tag, variable)):
        tracker = _is_tracker(pid)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGCONT if tracker else signal.SIGKILL)
        if tracker:
            trackers.append(pid)
    deadline = now() + TRACKER_GRACE_SECONDS
    while any(map(running, trackers)) and now() < deadline:
        time.sleep(0.02)


def _is_tracker(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return TRACKER_MARK in cmdline(pid)
    return False

"""A control group (cgroup) per sandbox, when this process may create one.

A cgroup bounds the number of processes (pids.max) and the memory (memory.max) of everything the
sandbox starts, for root too (RLIMIT_NPROC is not enforced for root), and lists every process in
it whatever it did to its environment or session, so nothing escapes the final kill. Supports
cgroup v2 (unified) and the v1 "pids" and "memory" hierarchies; returns None where neither is
writable (an unprivileged user, most Docker containers), and the sandbox falls back to rlimits
and a watchdog.
"""

import contextlib
import os
import time
from pathlib import Path

from tangtoc import processes
from tangtoc.cores import CGROUP_ROOT as ROOT
from tangtoc.cores import own_cgroup_paths


class Cgroup:
    def __init__(self, folders: list[Path]):
        self.folders = folders

    @property
    def procs_files(self) -> list[str]:
        return [str(folder / "cgroup.procs") for folder in self.folders]

    def pids(self) -> set[int]:
        found = set()
        for folder in self.folders:
            with contextlib.suppress(OSError, ValueError):
                found.update(int(line) for line in (folder / "cgroup.procs").read_text().split())
        return found

    def kill_all(self, seconds: float = 5.0) -> None:
        """SIGKILL every member until none is left (a fork loop may add some meanwhile)."""
        for folder in self.folders:
            with contextlib.suppress(OSError):
                (folder / "cgroup.kill").write_text("1")  # v2 (Linux 5.14+): atomic
        deadline = time.monotonic() + seconds
        while (pids := self.pids()) and time.monotonic() < deadline:
            processes.kill(pids)
            time.sleep(0.01)

    def remove(self) -> None:
        for folder in self.folders:
            for _ in range(50):  # killed processes leave the group once the kernel reaps them
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


def create(name: str, max_processes: int, max_memory: int) -> Cgroup | None:
    """A new cgroup limiting processes (and memory where possible), or None if not allowed."""
    if os.geteuid() != 0 or not ROOT.is_dir():
        return None
    own = own_cgroup_paths()
    unified = ROOT if (ROOT / "cgroup.controllers").exists() else None
    if unified is not None:
        parent = unified / own.get("", "/").lstrip("/")
        with contextlib.suppress(OSError):  # refused if the parent holds processes itself
            (parent / "cgroup.subtree_control").write_text("+pids +memory")
        folder = _make(parent / name,
                       {"pids.max": max_processes, "memory.max": max_memory,
                        "memory.swap.max": 0})
        if folder is None or not (folder / "pids.max").exists():
            return _discard([folder] if folder else [])
        return Cgroup([folder])
    pids = _make(ROOT / "pids" / own.get("pids", "/").lstrip("/") / name,
                 {"pids.max": max_processes})
    if pids is None:
        return None
    folders = [pids]
    memory = _make(ROOT / "memory" / own.get("memory", "/").lstrip("/") / name,
                   {"memory.limit_in_bytes": max_memory})
    if memory is not None:
        folders.append(memory)
    return Cgroup(folders)


def named(prefix: str) -> Cgroup:
    """Every cgroup of ours whose name starts with prefix (e.g. the calls of a judge that was
    killed before it could remove them), as one group to kill and remove."""
    own = own_cgroup_paths()
    parents = ([ROOT / own.get("", "/").lstrip("/")] if (ROOT / "cgroup.controllers").exists()
               else [ROOT / c / own.get(c, "/").lstrip("/") for c in ("pids", "memory")])
    return Cgroup([folder for parent in parents for folder in parent.glob(f"{prefix}*")])


def _make(folder: Path, limits: dict[str, int]) -> Path | None:
    """Create folder and write the limits it has; None if the folder cannot be made."""
    try:
        folder.mkdir()
    except OSError:
        return None
    for key, value in limits.items():
        if (folder / key).exists():
            with contextlib.suppress(OSError):
                (folder / key).write_text(str(value))
    return folder


def _discard(folders: list[Path]) -> None:
    Cgroup(folders).remove()
    return None

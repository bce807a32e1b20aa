"""How many CPU cores this process may really use.

os.cpu_count() counts the machine's logical CPUs and ignores both CPU affinity (taskset) and
container quotas (cgroup cpu.max), so a speed check on it would demand speed-ups the process
cannot reach. Python 3.13's os.process_cpu_count() honours affinity; nothing in the standard
library reads cgroup quotas, so this module does; it is also the one place that finds this
process's cgroups (tangtoc.grader.cgroups creates the sandboxes' below them).
"""

import math
import os
from pathlib import Path

from tangtoc import processes

CGROUP_ROOT = Path("/sys/fs/cgroup")


def parse_cpu_max(text: str) -> float | None:
    """Parse cgroup v2 'cpu.max' ("<quota> <period>" or "max <period>"); None means no limit."""
    fields = text.split()
    if not fields or fields[0] == "max":
        return None
    quota = int(fields[0])
    period = int(fields[1]) if len(fields) > 1 else 100_000
    return quota / period if quota > 0 and period > 0 else None


def parse_cfs_quota(quota_text: str, period_text: str) -> float | None:
    """Parse cgroup v1 cpu.cfs_quota_us / cpu.cfs_period_us into CPUs, None = no limit (-1)."""
    quota, period = int(quota_text), int(period_text)
    return quota / period if quota > 0 and period > 0 else None


def own_cgroup_paths(proc_self_cgroup: str | None = None) -> dict[str, str]:
    """Controller name ('' for cgroup v2) -> this process's cgroup path, from the text of
    /proc/self/cgroup ('0::/some/path', v1: '12:cpu,cpuacct:/docker/abc'), read if not given;
    empty where unreadable."""
    if proc_self_cgroup is None:
        try:
            proc_self_cgroup = processes.read_text("self", "cgroup")
        except OSError:
            return {}
    paths = {}
    for line in proc_self_cgroup.splitlines():
        number, _, rest = line.partition(":")
        controllers, found, path = rest.partition(":")
        if not number.isdigit() or not found:
            continue
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path.strip() or "/"
    return paths


def cgroup_cpu_limit(root: Path = CGROUP_ROOT, proc_self_cgroup: str | None = None) -> float | None:
    """The tightest CPU quota on this process's cgroup and its ancestors (v2), or the v1 quota."""
    limits = []
    relative = own_cgroup_paths(proc_self_cgroup).get("")
    if relative is not None:
        folder = root / relative.lstrip("/")
        for candidate in (folder, *folder.parents):
            if not candidate.is_relative_to(root):
                break
            limits.append(_read_limit(candidate / "cpu.max", parse_cpu_max))
    v1 = root / "cpu"
    if (v1 / "cpu.cfs_quota_us").exists():
        limits.append(
            _read_limit(
                v1 / "cpu.cfs_quota_us",
                lambda quota: parse_cfs_quota(quota, (v1 / "cpu.cfs_period_us").read_text()),
            )
        )
    known = [limit for limit in limits if limit is not None]
    return min(known) if known else None


def _read_limit(path: Path, parse) -> float | None:
    try:
        return parse(path.read_text())
    except (OSError, ValueError, IndexError):
        return None


def affinity_cores() -> int:
    """CPUs this process may be scheduled on (affinity), falling back to the machine's count."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def usable_cores() -> int:
    """Cores usable at once: affinity, capped by the cgroup quota rounded down (at least 1)."""
    cores = affinity_cores()
    quota = cgroup_cpu_limit()
    if quota is not None:
        cores = min(cores, max(1, math.floor(quota)))
    return cores

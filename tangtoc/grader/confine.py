"""Confine this process, then become the judge: `python -m tangtoc.grader.confine SPEC_JSON`.

Runs between the grader and the judge (pytest), in the fresh session the grader started, and
applies the limits that everything started later inherits: the cgroup, the resource limits, the
death signal and, when run as root, a private mount namespace. Done here rather than in a
subprocess preexec_fn, which is unsafe while the grader runs several threads. It then stays as
the sandbox's init (child subreaper): the judge is its child, and orphans are reaped at once.

The mount namespace (root only) gives the submission a private, size-limited /dev/shm (every
shared-memory segment dies with the sandbox), mounts the course copy and the submission files
read-only, hides the submissions folder, the output folder and the other students' trees, and
then drops every capability, so root inside cannot undo any of it.
"""

import ctypes
import json
import os
import resource
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 1, 24, 36, 38
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
SETUP_FAILED = 97  # exit status the grader reads as "the sandbox could not be built"

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    encode = lambda text: text.encode() if text is not None else None  # noqa: E731
    _check(_libc.mount(encode(source), encode(target), encode(fstype), flags, encode(data)),
           f"mount {target}")


def private_mounts(spec: dict) -> None:
    _check(_libc.unshare(CLONE_NEWNS), "unshare")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
           f"size={spec['shm_bytes']},mode=1777")
    for path in spec["read_only"]:
        _mount(path, path, None, MS_BIND | MS_REC)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY)
    for path in spec["hidden"]:
        if Path(path).is_dir():
            _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                   "size=4k,mode=000")


def drop_capabilities() -> None:
    """Empty the bounding set: after exec, even uid 0 holds no capability (no mount, no
    override of file permissions, no raising of limits)."""
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for capability in range(last + 1):
        _check(_libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0), "drop capability")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def apply(spec: dict) -> None:
    for procs in spec.get("cgroup_procs", []):
        Path(procs).write_text(str(os.getpid()))
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
    if spec.get("namespace"):
        private_mounts(spec["namespace"])
        drop_capabilities()
    for name, value in spec.get("rlimits", {}).items():
        limit = getattr(resource, name)
        resource.setrlimit(limit, (value, value))


def reap_until(judge: int) -> int:
    """Be the sandbox's init: reap every orphan at once (a zombie still counts against the
    process limit until reaped) and return the judge's exit status."""
    while True:
        pid, status = os.wait()
        if pid == judge:
            return os.waitstatus_to_exitcode(status)


def main() -> None:
    spec = json.loads(sys.argv[1])
    try:
        apply(spec)
        _check(_libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "subreaper")
    except OSError as error:
        print(f"tangtoc: không dựng được môi trường cách ly: {error}", file=sys.stderr)
        sys.exit(SETUP_FAILED)
    judge = os.fork()
    if judge == 0:
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # a fork does not inherit it
        os.execv(spec["command"][0], spec["command"])
    code = reap_until(judge)
    sys.exit(128 - code if code < 0 else code)


if __name__ == "__main__":
    main()

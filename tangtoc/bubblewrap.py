"""Every call of student code, when grading, in a fresh bubblewrap sandbox (DESIGN.md §5).

The grader gives its judge a Policy (JSON in the TANGTOC_SANDBOX variable). While one is set,
the runner (`runner.call_in_runner`) and the script runner (`script_run.run_script`) start
each call through `launch()`: a new cgroup (pids, memory) where we may make one, resource
limits (`prlimit`), then `bwrap` (Flatpak's sandbox, Debian package `bubblewrap`) with its own
PID, network, IPC and UTS namespaces, a read-only view of only what the call needs (the
system, Python, the tangtoc package, the code under test) and a private /tmp and /dev/shm;
as root, `setpriv` then drops to an unprivileged uid with no capability before Python starts.

No user namespace can be made inside (bwrap's `--disable-userns`): one would give the call
every capability over namespaces and mounts of its own, and the kernel code they reach (seen:
`unshare -Urm` then a tmpfs mounted, CapEff full). That option needs bwrap's own user
namespace, which a privileged bwrap would map to root outside; so as root, after `setpriv`, a
second bwrap, run by the call's uid, makes it, binding everything as the first one built it.
The call's kernel keys then live in that namespace's user keyring and go with it (Linux ≥ 5.3
keeps user keyrings per namespace): no key left by one call, or student, is found by the next.

A candidate's code and our baseline (the course's solutions) never share a sandbox, a uid or
a folder they can write: the baseline gets uid + 1 and sees `solutions/`, the candidate sees
only its own files. Without a policy (a student's `tangtoc check`) nothing changes.
"""

import contextlib
import ctypes
import fcntl
import functools
import json
import os
import queue
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from tangtoc import paths, processes

VARIABLE = "TANGTOC_SANDBOX"
NETWORK_VARIABLE = "TANGTOC_SANDBOX_NETWORK"  # set by network_for_calls()
FIRST_UID = 61000  # job slot k: candidate FIRST_UID + 2k, baseline FIRST_UID + 2k + 1
SETUP_FAILED = 97  # the cgroup join failed: a fault of the grader, not of the submission
SANDBOX_TMP = "/tmp"
WRITABLE_BYTES = 64 * 2**20  # a writable_folder's tmpfs: logs and markers, not data
SYSTEM_LINKS = ("bin", "lib", "lib32", "lib64", "libx32", "sbin")
PACKAGE = Path(__file__).resolve().parent
# Joins the cgroup folders given before "--", then becomes the rest of the command line.
CLONE_NEWNET, SIOCSIFFLAGS, IFF_UP = 0x40000000, 0x8914, 0x1  # <sched.h>, <linux/sockios.h>
JOIN_CGROUP = ('for f do [ "$f" = -- ] && break; echo 0 > "$f" || exit '
               f'{SETUP_FAILED}; shift; done; shift; exec "$@"')


@dataclass(frozen=True)
class Policy:
    uid: int | None = None  # the candidate's uid (a root grader only); the baseline's is uid + 1
    memory_bytes: int = 2 * 2**30  # address space per process; the call's cgroup gets 4x that
    max_processes: int = 64
    max_file_bytes: int = 64 * 2**20
    cpu_seconds: int = 600
    tmp_bytes: int = 512 * 2**20  # the private /tmp and /dev/shm (tmpfs: counted as memory)
    shared: tuple[str, ...] = ()  # the judge's folders (test inputs), mounted writable: Unix
    # permissions decide (the judge's files are not the calls' to change)
    group_prefix: str = "tangtoc-call"  # the calls' cgroup names, so the grader finds them all
    private_mounts: bool = False  # the judge runs in a mount namespace of its own (as root)

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def current(cls) -> "Policy | None":
        text = os.environ.get(VARIABLE)
        if not text:
            return None
        data = json.loads(text)
        return cls(**{**data, "shared": tuple(data["shared"])})


@dataclass
class Launch:
    argv: list[str]
    env: dict[str, str] | None
    cwd: Path | None
    sandboxed: bool = False  # with its own /tmp and /dev/shm, seen only from inside


@contextlib.contextmanager
def launch(argv: list[str], code_dir: Path, env: dict[str, str] | None,
           cwd: Path | None) -> Iterator[Launch]:
    """The command line that runs argv on the code in code_dir: sandboxed when a policy is
    set, as given otherwise. On exit every process of the call is gone."""
    policy = Policy.current()
    if policy is None:
        yield Launch(argv, env, cwd)
        return
    from tangtoc.grader import cgroups  # the grader's module; only a grading judge gets here

    baseline = Path(code_dir).resolve() == paths.SOLUTIONS.resolve()
    uid = None if policy.uid is None else policy.uid + int(baseline)
    group = cgroups.create(f"{policy.group_prefix}-{secrets.token_hex(6)}", policy.max_processes,
                           4 * policy.memory_bytes + 2 * policy.tmp_bytes)
    _open_shared(policy.shared)
    network = os.environ.get(NETWORK_VARIABLE, "")
    command = [*_join(group), *_prlimit(policy, uid), *_enter_network(network),
               *bwrap_command(policy, code_dir, uid, bool(network), env or {}),
               *_drop_to(uid), *_without_user_namespaces(uid), *argv]
    try:
        yield Launch(command, _outer_env(), None, sandboxed=True)
    finally:
        if group is not None:
            group.kill_all()
            group.remove()


def bwrap_command(policy: Policy, code_dir: Path, uid: int | None, keep_network: bool,
                  env: dict[str, str]) -> list[str]:
    """bwrap's arguments: namespaces, the read-only view, private tmp, a clean environment."""
    root = os.geteuid() == 0
    command = [shutil.which("bwrap") or "bwrap", "--die-with-parent", "--new-session",
               "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if not keep_network:
        command.append("--unshare-net")
    if root:  # setpriv needs these two to drop to the uid; it then drops them for good
        command += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        command += ["--unshare-user", *disable_userns()]
    command += ["--proc", "/proc", "--dev", "/dev",  # first: the binds may lie under /tmp
                "--perms", "1777", "--size", str(policy.tmp_bytes), "--tmpfs", SANDBOX_TMP,
                "--perms", "1777", "--size", str(policy.tmp_bytes), "--tmpfs", "/dev/shm"]
    readable = [Path(sys.base_prefix), Path(sys.prefix), PACKAGE, Path(code_dir)]
    binds = _binds(readable, [Path(folder) for folder in policy.shared])
    command += _parents(binds)
    for source, writable in binds:
        command += ["--bind" if writable else "--ro-bind", str(source), str(source)]
    command += ["--chdir", SANDBOX_TMP, "--clearenv"]
    for name, value in {**env, "HOME": SANDBOX_TMP, "TMPDIR": SANDBOX_TMP}.items():
        if name != VARIABLE:
            command += ["--setenv", name, value]
    return [*command, "--"]


def _binds(readable: list[Path], writable: list[Path]) -> list[tuple[Path, bool]]:
    """The system (read-only) and the given folders, resolved, without duplicates."""
    binds: list[tuple[Path, bool]] = [(Path("/usr"), False), (Path("/etc"), False)]
    for name in SYSTEM_LINKS:
        path = Path("/") / name
        if path.exists() and not path.is_symlink():
            binds.append((path, False))
    for folder, flag in [*((p, False) for p in readable), *((p, True) for p in writable)]:
        folder = folder.resolve()
        if folder.exists() and not any(_inside(folder, bound) for bound, _ in binds):
            binds.append((folder, flag))
    return binds


def _parents(binds: list[tuple[Path, bool]]) -> list[str]:
    """Symlinks for /bin and friends, and every mount point's parent folders made readable
    (bwrap would create them root-only, and the unprivileged uid could not pass them)."""
    arguments = []
    for name in SYSTEM_LINKS:
        path = Path("/") / name
        if path.is_symlink():
            arguments += ["--symlink", os.readlink(path), str(path)]
    parents = sorted({parent for source, _ in binds for parent in source.parents
                      if parent not in (Path("/"), Path(SANDBOX_TMP))}, key=lambda p: len(p.parts))
    for parent in parents:
        arguments += ["--perms", "0755", "--dir", str(parent)]
    return arguments


@contextlib.contextmanager
def network_for_calls() -> Iterator[Callable | None]:
    """For a test that serves data to the calls (lesson 3's slow web server): while open, every
    call joins one fresh network namespace holding only a loopback, instead of one of its own;
    yields `inside(make)`, which runs make() in that namespace (create the listening socket
    there). As root only (setns needs it); a grader that is not root lets such calls share its
    own network instead, and yields None. Without a policy nothing changes (None)."""
    if Policy.current() is None:
        yield None
        return
    if os.geteuid() != 0:
        os.environ[NETWORK_VARIABLE] = "host"
        try:
            yield None
        finally:
            del os.environ[NETWORK_VARIABLE]
        return
    with _Namespace() as namespace:
        os.environ[NETWORK_VARIABLE] = namespace.path
        try:
            yield namespace.inside
        finally:
            del os.environ[NETWORK_VARIABLE]


class _Namespace(threading.Thread):
    """A thread that moves itself into a new network namespace (namespaces belong to threads,
    so the rest of the judge stays where it is), brings its loopback up, then runs what it is
    given there and holds the namespace open."""

    def __init__(self):
        super().__init__(daemon=True)
        self.jobs: queue.Queue = queue.Queue()
        self.ready: queue.Queue = queue.Queue()
        self.path = ""

    def __enter__(self) -> "_Namespace":
        self.start()
        error = self.ready.get()
        if error:
            raise OSError(error)
        return self

    def __exit__(self, *exc) -> None:
        self.jobs.put(None)
        self.join(timeout=5)

    def inside(self, make: Callable):
        """make(), run in the namespace; its value, or its exception raised here."""
        done: queue.Queue = queue.Queue()
        self.jobs.put((make, done))
        value, error = done.get()
        if error is not None:
            raise error
        return value

    def run(self) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(CLONE_NEWNET) != 0:
            self.ready.put(f"unshare(CLONE_NEWNET): {os.strerror(ctypes.get_errno())}")
            return
        with socket.socket() as control:  # ifconfig lo up
            fcntl.ioctl(control, SIOCSIFFLAGS, struct.pack("16sH", b"lo", IFF_UP))
        handle = os.open(f"/proc/self/task/{threading.get_native_id()}/ns/net", os.O_RDONLY)
        self.path = f"/proc/{os.getpid()}/fd/{handle}"
        self.ready.put("")
        while (job := self.jobs.get()) is not None:
            make, done = job
            try:
                done.put((make(), None))
            except Exception as error:
                done.put((None, error))
        os.close(handle)


def _enter_network(network: str) -> list[str]:
    if network in ("", "host"):
        return []
    return [shutil.which("nsenter") or "nsenter", f"--net={network}", "--"]


def writable_folder(path: Path) -> Path:
    """A new folder the calls may write into, e.g. a log the test reads afterwards: the calls
    run as other uids when grading, and the judge's folders are not theirs (sticky: a call
    cannot remove what another wrote). In a judge with mounts of its own (a root grader), it is
    a tmpfs of WRITABLE_BYTES that goes with the judge: a call writing file after file into it
    (each below the file size limit) cannot fill the grader's disk (attack review, Dec 2026)."""
    path.mkdir()
    path.chmod(0o1777)
    policy = Policy.current()
    if policy is not None and policy.private_mounts:
        subprocess.run([shutil.which("mount") or "mount", "-t", "tmpfs", "-o",
                        f"size={WRITABLE_BYTES},mode=1777", "tangtoc-ghi", str(path)],
                       check=True, capture_output=True)
    return path


def remove_writable_folder(path: Path) -> None:
    """Remove a writable_folder() and what the calls wrote into it."""
    if os.path.ismount(path):
        subprocess.run([shutil.which("umount") or "umount", str(path)], check=True,
                       capture_output=True)
    shutil.rmtree(path)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _open_shared(folders: tuple[str, ...]) -> None:
    """pytest makes its temporary folders owner-only (0700): let the calls' uids read them.
    Files keep their modes, so the judge's inputs stay read-only to the calls."""
    for folder in folders:
        for directory, _, _ in os.walk(folder):
            with contextlib.suppress(OSError):
                mode = os.stat(directory).st_mode & 0o7777
                if mode & 0o055 != 0o055:
                    os.chmod(directory, mode | 0o055)


def _join(group) -> list[str]:
    if group is None:
        return []
    return ["/bin/sh", "-c", JOIN_CGROUP, "sh", *group.procs_files, "--"]


def _prlimit(policy: Policy, uid: int | None) -> list[str]:
    limits = {"as": policy.memory_bytes, "fsize": policy.max_file_bytes, "core": 0,
              "cpu": policy.cpu_seconds, "nproc": policy.max_processes}
    if uid is None and os.geteuid() != 0:  # counted per uid: the teacher's own ones too
        limits["nproc"] += len(processes.owned_by(os.geteuid()))
    return [shutil.which("prlimit") or "prlimit",
            *(f"--{name}={value}" for name, value in limits.items()), "--"]


def _drop_to(uid: int | None) -> list[str]:
    if uid is None:
        return []
    return [shutil.which("setpriv") or "setpriv", f"--reuid={uid}", f"--regid={uid}",
            "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]


def _without_user_namespaces(uid: int | None) -> list[str]:
    """As root, the second bwrap (module docstring): the call's uid in a user namespace of its
    own, where no other can be made; the same view (/dev bound with its devices)."""
    if uid is None or not disable_userns():
        return []
    return [shutil.which("bwrap") or "bwrap", "--unshare-user", *disable_userns(),
            "--bind", "/", "/", "--dev-bind", "/dev", "/dev", "--bind", "/proc", "/proc", "--"]


@functools.cache
def disable_userns() -> tuple[str, ...]:
    """bwrap's --disable-userns where this bwrap has it (0.8.0 and later; Ubuntu 22.04 ships
    0.6): older ones leave the hole open (docs/giao-vien.md, the sandbox's known limits)."""
    try:
        usage = subprocess.run([shutil.which("bwrap") or "bwrap", "--help"], capture_output=True,
                               text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return ("--disable-userns",) if "--disable-userns" in usage else ()


def _outer_env() -> dict[str, str]:
    """bwrap itself needs nothing of the judge's environment (the call's is set inside)."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}


def unavailable_reason() -> str:
    """Why no sandbox can be made on this machine ("" when one can), in Vietnamese: bwrap,
    prlimit and, as root, setpriv must exist, and a trivial sandbox must start."""
    tools = ["bwrap", "prlimit"] + (["setpriv", "unshare", "mount"] if os.geteuid() == 0 else [])
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not sys.platform.startswith("linux"):
        return "chỉ Linux mới dựng được môi trường cách ly (bubblewrap)"
    if missing:
        return (f"thiếu chương trình {', '.join(missing)} (Debian/Ubuntu: "
                "apt-get install bubblewrap util-linux)")
    policy = Policy(uid=FIRST_UID if os.geteuid() == 0 else None)
    argv = [*bwrap_command(policy, PACKAGE, policy.uid, False, {}), *_drop_to(policy.uid),
            *_without_user_namespaces(policy.uid),
            sys.executable, "-I", "-c", "import os; os.getuid() or exit(1)"]
    try:
        probe = subprocess.run(argv, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap không chạy được: {error}"
    if probe.returncode != 0:
        detail = probe.stderr.decode("utf-8", "replace").strip()[-300:]
        return f"bubblewrap không dựng được môi trường cách ly: {detail}"
    return ""

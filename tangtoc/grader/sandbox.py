"""Run the judge for one submission in a fresh tree, confined, and leave nothing behind.

Every run gets: its own session and process group; a private HOME, TMPDIR and working folder;
limits on address space, file size, CPU time and processes (a cgroup when we may create one,
else RLIMIT_NPROC for a normal user, plus a watchdog that counts the run's tagged processes,
which also covers root, for whom RLIMIT_NPROC is not enforced); and, as root, a private mount
namespace (see confine.py). Afterwards the session, the cgroup and every process still carrying
the run's environment tag are killed. Without a private /dev/shm, the grader sweeps the
segments left behind (ShmJanitor) at moments when no other run is going.
"""

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tangtoc import paths, runner
from tangtoc.grader import cgroups
from tangtoc.grader.confine import SETUP_FAILED

TAG_VARIABLE = "TANGTOC_GRADE_TAG"  # survives the runner, which copies the environment
COURSE_PARTS = ("tests", "solutions", "tangtoc", "pyproject.toml")
CACHES = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
WATCH_SECONDS = 0.1
SANDBOX_MEMORY_FACTOR = 4  # the cgroup bounds all processes of a run (page cache included)
SHM = Path("/dev/shm")


@dataclass
class Limits:
    timeout: float = 60.0  # seconds per exercise (each call of the student's function too)
    memory_bytes: int = 2 * 2**30  # address space per process; the whole run gets 4× that
    max_processes: int = 64
    max_file_bytes: int = 64 * 2**20
    output_chars: int = 20_000  # tail of the judge's own output kept for the teacher


@dataclass
class Tree:
    """root/target: the student's files; root/course: our tests, solutions and package."""

    root: Path

    @property
    def target(self) -> Path:
        return self.root / "target"

    @property
    def course(self) -> Path:
        return self.root / "course"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    @property
    def work(self) -> Path:
        return self.root / "work"

    @classmethod
    def build(cls, root: Path, files: dict[str, Path], master: Path) -> "Tree":
        tree = cls(root)
        shutil.copytree(master, tree.course)
        tree.target.mkdir()
        for exercise_id, staged in files.items():
            shutil.copyfile(staged, tree.target / f"{exercise_id}.py")
        for folder in (tree.home, tree.tmp, tree.work):
            folder.mkdir()
        return tree

    def fingerprint(self) -> str:
        """Hash of our course copy and the submitted files: a run must change neither."""
        digest = hashlib.sha256()
        for folder in (self.course, self.target):
            for path in sorted(folder.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    digest.update(str(path.relative_to(self.root)).encode())
                    digest.update(path.read_bytes())
        return digest.hexdigest()


def make_master_copy(destination: Path) -> Path:
    """One clean copy of the course parts the judge needs, copied again into every tree."""
    destination.mkdir()
    for part in COURSE_PARTS:
        source = paths.ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=CACHES)
        elif source.is_file():
            shutil.copyfile(source, destination / part)
    return destination


@dataclass
class Outcome:
    exit_code: int | None = None
    timed_out: bool = False
    too_many_processes: bool = False
    setup_failed: bool = False
    tampered: bool = False
    seconds: float = 0.0
    output: str = ""
    messages: list[dict] = field(default_factory=list)  # from the judge's stream


def namespaces_available() -> bool:
    """Root may build a private mount namespace; probe it once with a trivial command."""
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        return False
    spec = {"namespace": {"shm_bytes": 2**20, "read_only": [], "hidden": []},
            "command": [sys.executable, "-c", "pass"]}
    probe = subprocess.run([sys.executable, "-m", "tangtoc.grader.confine", json.dumps(spec)],
                           capture_output=True, timeout=60, check=False)
    return probe.returncode == 0


class Sandbox:
    def __init__(self, limits: Limits, hidden: list[Path], use_namespace: bool):
        self.limits = limits
        self.hidden = [str(path) for path in hidden]
        self.use_namespace = use_namespace

    def describe(self) -> dict:
        """What isolation this grading really had, for the reports (honest, not aspirational)."""
        return {
            "root": os.geteuid() == 0,
            "private_mounts": self.use_namespace,
            "cgroup": cgroups.ROOT.is_dir() and os.geteuid() == 0,
            "memory_bytes_per_process": self.limits.memory_bytes,
            "max_processes": self.limits.max_processes,
            "timeout_seconds": self.limits.timeout,
        }

    def run(self, tree: Tree, command: Callable[[int], list[str]], wall_seconds: float,
            others: list[Path] = ()) -> Outcome:
        """Run command(stream_fd) confined in tree; kill what is left; never raise for the
        submission's behaviour."""
        tag = secrets.token_hex(8)
        group = cgroups.create(f"tangtoc-{tag}", self.limits.max_processes,
                               SANDBOX_MEMORY_FACTOR * self.limits.memory_bytes)
        before = tree.fingerprint()
        read_end, write_end = os.pipe()
        spec = self._spec(tree, command(write_end), group, others)
        temp = _ShortTemp(tree.tmp, tag)
        started = time.monotonic()
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "tangtoc.grader.confine", json.dumps(spec)],
                cwd=tree.work, env=self._environment(tree, temp.path, tag),
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                pass_fds=(write_end,), start_new_session=True,
            )
        except BaseException:
            temp.remove()
            raise
        finally:
            os.close(write_end)
        stream = _LineReader(os.fdopen(read_end, "rb"))
        output = _TailReader(process.stdout, self.limits.output_chars)
        outcome = Outcome()
        namespace = _Namespace(process.pid) if self.use_namespace else None
        try:
            self._watch(process, tag, group, namespace, started + wall_seconds, outcome)
        finally:
            self._kill_everything(process, tag, group, namespace)
            temp.remove()
        stream.join(timeout=5)
        output.join(timeout=5)
        outcome.exit_code = process.returncode
        outcome.setup_failed = process.returncode == SETUP_FAILED and not stream.messages
        outcome.seconds = time.monotonic() - started
        outcome.output = output.text()
        outcome.messages = stream.messages
        outcome.tampered = tree.fingerprint() != before
        return outcome

    def _spec(self, tree: Tree, command: list[str], group, others) -> dict:
        limits = self.limits
        rlimits = {"RLIMIT_AS": limits.memory_bytes, "RLIMIT_FSIZE": limits.max_file_bytes,
                   "RLIMIT_CORE": 0, "RLIMIT_CPU": int(4 * limits.timeout + 600)}
        if os.geteuid() != 0 and group is None:  # per user: the user's other processes count
            rlimits["RLIMIT_NPROC"] = _processes_of(os.geteuid()) + limits.max_processes
        spec = {"cgroup_procs": group.procs_files if group else [], "rlimits": rlimits,
                "command": command}
        if self.use_namespace:
            spec["namespace"] = {
                "shm_bytes": limits.memory_bytes,
                "read_only": [str(tree.course), str(tree.target), str(paths.ROOT)],
                "hidden": [*self.hidden, *(str(other) for other in others)],
            }
        return spec

    @staticmethod
    def _environment(tree: Tree, temp: Path, tag: str) -> dict[str, str]:
        """A clean environment: nothing of the teacher's (tokens, paths) reaches the run, but
        the project suite's own marker (tests/leftover_check.py), if any."""
        suite = {k: v for k, v in os.environ.items() if k == "TANGTOC_SUITE_TAG"}
        return {**suite,
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
            "HOME": str(tree.home), "TMPDIR": str(temp), "USER": "tangtoc",
            "PYTHONPATH": str(tree.course), "TANGTOC_ROOT": str(tree.course),
            "TANGTOC_STATE": str(tree.home / ".tangtoc"), "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONNOUSERSITE": "1", "OPENBLAS_NUM_THREADS": "1",
            TAG_VARIABLE: tag,
        }

    def _watch(self, process, tag: str, group, namespace, deadline: float,
               outcome: Outcome) -> None:
        """Wait for the judge; stop it at the deadline or when it starts too many processes."""
        while process.poll() is None:
            if namespace is not None:
                namespace.observe()
            if time.monotonic() >= deadline:
                outcome.timed_out = True
                return
            if group is None and len(runner.tagged_pids(tag, TAG_VARIABLE)) > \
                    self.limits.max_processes:
                outcome.too_many_processes = True
                return
            time.sleep(WATCH_SECONDS)

    @staticmethod
    def _kill_everything(process, tag: str, group, namespace) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if group is not None:
            group.kill_all()
        for _ in range(20):  # a fork loop may still add marked processes for a moment
            killed = runner.kill_tagged(tag, TAG_VARIABLE)
            killed += namespace.kill_members() if namespace is not None else 0
            if not killed:
                break
            time.sleep(0.02)
        if namespace is not None:
            namespace.release()
        process.wait()
        if group is not None:
            group.remove()


class _Namespace:
    """The run's private mount namespace: a marker no process inside can shed (no capability
    to unshare again), found even on processes that left the session and cleared the tag.

    The kernel hands a freed namespace's inode number to the next new one at once, so we hold
    the namespace open until release(): otherwise killing "its" members could kill the run
    that another job has just started."""

    OWN = os.stat("/proc/self/ns/mnt").st_ino if Path("/proc/self/ns/mnt").exists() else None

    def __init__(self, pid: int):
        self.pid, self.inode, self.handle = pid, None, None

    def observe(self) -> None:
        """Learn the namespace once the judge has entered it (never mistake it for ours)."""
        if self.handle is None:
            with contextlib.suppress(OSError):
                handle = os.open(f"/proc/{self.pid}/ns/mnt", os.O_RDONLY)
                inode = os.fstat(handle).st_ino
                if inode == self.OWN:
                    os.close(handle)
                else:
                    self.handle, self.inode = handle, inode

    def release(self) -> None:
        if self.handle is not None:
            os.close(self.handle)
            self.handle = None

    def kill_members(self) -> int:
        if self.inode is None or self.inode == self.OWN:
            return 0
        killed = 0
        for entry in Path("/proc").glob("[0-9]*"):
            with contextlib.suppress(OSError, ValueError):
                if (entry / "ns" / "mnt").stat().st_ino == self.inode:
                    os.kill(int(entry.name), signal.SIGKILL)
                    killed += 1
        return killed


def _processes_of(uid: int) -> int:
    count = 0
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if entry.stat().st_uid == uid:
                count += 1
    return count


class _ShortTemp:
    """A short name for the run's TMPDIR: a symlink in the system's /tmp to tree.tmp.

    A Unix socket's path must fit in about 107 bytes, and multiprocessing puts the forkserver's
    socket in TMPDIR (pymp-XXXX/listener-XXXX); a tree deep in the teacher's folders would make
    every forkserver test fail. The files stay in the tree (hidden from other runs)."""

    BASE = Path("/tmp")

    def __init__(self, target: Path, tag: str):
        self.path = target
        link = self.BASE / f"tangtoc-{tag}"
        with contextlib.suppress(OSError):
            link.symlink_to(target, target_is_directory=True)
            self.path = link

    def remove(self) -> None:
        if self.path.is_symlink():
            with contextlib.suppress(OSError):
                self.path.unlink()


class _LineReader(threading.Thread):
    """JSON lines from the judge's private pipe."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream, self.messages = stream, []
        self.start()

    def run(self) -> None:
        with self.stream:
            for line in self.stream:
                with contextlib.suppress(ValueError):
                    message = json.loads(line)
                    if isinstance(message, dict):
                        self.messages.append(message)


class _TailReader(threading.Thread):
    """Keeps only the end of an output of any size (a submission may print megabytes)."""

    def __init__(self, stream, chars: int):
        super().__init__(daemon=True)
        self.stream, self.chars, self.tail = stream, chars, b""
        self.start()

    def run(self) -> None:
        with self.stream:
            while chunk := self.stream.read(65536):
                self.tail = (self.tail + chunk)[-4 * self.chars:]

    def text(self) -> str:
        return self.tail.decode("utf-8", "replace")[-self.chars:]


class ShmJanitor:
    """Without private mounts: remove /dev/shm entries that appeared during grading. Call
    sweep() only when no run is going (another run's live segments must not vanish)."""

    def __init__(self):
        self.uid = os.geteuid()
        self.before = self._entries()

    @staticmethod
    def _entries() -> set[str]:
        with contextlib.suppress(OSError):
            return {entry.name for entry in SHM.iterdir()}
        return set()

    def sweep(self) -> list[str]:
        removed = []
        for name in sorted(self._entries() - self.before):
            path = SHM / name
            with contextlib.suppress(OSError):
                if path.lstat().st_uid == self.uid:
                    path.unlink()
                    removed.append(name)
        return removed

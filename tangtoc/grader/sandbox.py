"""The confinement of the judge's runs: run the judge for one submission, leave nothing behind.

The judge (pytest with our graded tests) is our own code and never imports the submission
(DESIGN.md §4 rule 0): it runs from the installed course, isolated from its working folder and
environment (`python -I -B`, an empty folder of ours as cwd, a clean environment). Student code
runs only in the calls the judge makes, each in its own bubblewrap sandbox (tangtoc.bubblewrap)
under the policy given here: the slot's unprivileged uid (uid_slots), the run's limits, and the
judge's temporary folder as the only shared one. Afterwards the judge's session, every process
still carrying the run's environment tag (tangtoc.processes) and every call's cgroup left
behind (cgroups) are killed. Where things lie: grading_tree; reading the judge's streams:
stream_readers.
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tangtoc import bubblewrap, paths, processes
from tangtoc.grader import cgroups, uid_slots
from tangtoc.grader.grading_tree import GradingTree
from tangtoc.grader.stream_readers import JsonLinesReader, TailReader

TAG_VARIABLE = "TANGTOC_GRADE_TAG"  # survives the runner, which copies the environment
WATCH_SECONDS = 0.1


@dataclass
class Limits:
    timeout: float = 60.0  # seconds per exercise (each call of the student's function too)
    memory_bytes: int = 2 * 2**30  # address space per process; a call's cgroup gets 4× that
    max_processes: int = 64
    max_file_bytes: int = 64 * 2**20
    output_chars: int = 20_000  # tail of the judge's own output kept for the teacher


@dataclass
class JudgeRun:
    """How one run of the judge (pytest in the sandbox) ended, and what it streamed."""

    exit_code: int | None = None
    timed_out: bool = False
    tampered: bool = False
    seconds: float = 0.0
    output: str = ""
    messages: list[dict] = field(default_factory=list)  # from the judge's stream


class Sandbox:
    """How every run of one grading is isolated: a bubblewrap policy per job slot, or (the
    teacher's explicit choice, e.g. on a machine without user namespaces) none at all."""

    def __init__(self, limits: Limits, isolated: bool):
        self.limits, self.isolated = limits, isolated

    def describe(self) -> dict:
        """What isolation this grading really had, for the reports (honest, not aspirational)."""
        root = os.geteuid() == 0
        return {
            "sandbox": "bubblewrap" if self.isolated else "none",
            "separate_uid": self.isolated and root,
            "memory_bytes_per_process": self.limits.memory_bytes,
            "max_processes": self.limits.max_processes,
            "timeout_seconds": self.limits.timeout,
        }

    def policy(self, tree: GradingTree, slot: int, tag: str) -> bubblewrap.Policy | None:
        if not self.isolated:
            return None
        limits = self.limits
        return bubblewrap.Policy(
            uid=uid_slots.candidate_uid(slot) if os.geteuid() == 0 else None,
            memory_bytes=limits.memory_bytes, max_processes=limits.max_processes,
            max_file_bytes=limits.max_file_bytes, cpu_seconds=int(4 * limits.timeout + 600),
            shared=(str(tree.judge),), group_prefix=_call_cgroup_prefix(tag),
            private_mounts=self.own_mounts)

    def run(self, tree: GradingTree, command: Callable[[int], list[str]], wall_seconds: float,
            slot: int = 0) -> JudgeRun:
        """Run the judge's command(stream_fd) for tree; kill what is left; never raise for
        the submission's behaviour."""
        tag = secrets.token_hex(8)
        before = tree.fingerprint()
        read_end, write_end = os.pipe()
        started = time.monotonic()
        try:
            process = subprocess.Popen(
                [*self._mount_namespace(), *command(write_end)], cwd=tree.work,
                env=self._environment(tree, tag, slot),
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                pass_fds=(write_end,), start_new_session=True,
            )
        finally:
            os.close(write_end)
        stream = JsonLinesReader(os.fdopen(read_end, "rb"))
        output = TailReader(process.stdout, self.limits.output_chars)
        outcome = JudgeRun()
        try:
            while process.poll() is None and time.monotonic() < started + wall_seconds:
                time.sleep(WATCH_SECONDS)
            outcome.timed_out = process.poll() is None
        finally:
            _kill_everything(process, tag)
        stream.join(timeout=5)
        output.join(timeout=5)
        outcome.exit_code = process.returncode
        outcome.seconds = time.monotonic() - started
        outcome.output = output.text()
        outcome.messages = stream.messages
        outcome.tampered = tree.fingerprint() != before
        return outcome

    @property
    def own_mounts(self) -> bool:
        """As root, the isolated judge runs in a mount namespace of its own: the folders it
        lets calls write into are small tmpfs mounts there (bubblewrap.writable_folder), gone
        when it ends; the grader's mounts never see them."""
        return self.isolated and os.geteuid() == 0

    def _mount_namespace(self) -> list[str]:
        if not self.own_mounts:
            return []
        return [shutil.which("unshare") or "unshare", "--mount", "--propagation", "private",
                "--"]

    def _environment(self, tree: GradingTree, tag: str, slot: int) -> dict[str, str]:
        """A clean environment: nothing of the teacher's (tokens, paths) reaches the run, but
        the project suite's own marker (tests/project/leftover_check.py), if any, and where the
        course is (from a non-editable install, the judge's cwd and package cannot tell it)."""
        suite = {k: v for k, v in os.environ.items() if k == "TANGTOC_SUITE_TAG"}
        policy = self.policy(tree, slot, tag)
        sandbox = {bubblewrap.VARIABLE: policy.to_env()} if policy else {}
        return {**suite, **sandbox,
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
            "HOME": str(tree.home), "TMPDIR": str(tree.judge), "USER": "tangtoc",
            "TANGTOC_STATE": str(tree.home / ".tangtoc"), "TANGTOC_ROOT": str(paths.ROOT),
            TAG_VARIABLE: tag,
        }


def judge_command(arguments: list[str]) -> list[str]:
    """Our Python, isolated from the cwd and the environment, writing no bytecode."""
    return [sys.executable, "-I", "-B", *arguments]


def _call_cgroup_prefix(tag: str) -> str:
    """The name prefix of the cgroups of one judge run's calls."""
    return f"tangtoc-{tag}"


def _kill_everything(process: subprocess.Popen, tag: str) -> None:
    """The judge's session, then anything still tagged (each call's sandbox dies with its
    bwrap; a call run without sandbox may have left its session), then the calls' cgroups
    left by a judge killed during a call."""
    processes.kill_process_tree_now(process, tag, TAG_VARIABLE)
    calls = cgroups.named(_call_cgroup_prefix(tag))
    calls.kill_all()
    calls.remove()

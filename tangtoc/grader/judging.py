"""Judging one exercise of one submission: our graded tests, run by pytest for the sandbox.

Generic over the catalog: whatever tests/graded/test_<id>.py holds is run, the correctness
phase with `-m "not speed"` and the speed phase with `-m speed`, through the same pytest plugin,
runner and speed harness as `tangtoc check`. The list of tests comes from collecting our own tests
once (no student code involved), so a run that dies early still yields one status per test.
"""

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tangtoc import paths
from tangtoc.catalog import Exercise
from tangtoc.graded_run import pytest_command, pytest_env
from tangtoc.grader.grading_tree import GradingTree
from tangtoc.grader.sandbox import JudgeRun, Sandbox, judge_command
from tangtoc.grader.scoring import GradedTest
from tangtoc.records import Status, TestRecord

MARKERS = {"correctness": "not speed", "speed": "speed"}
SPEED_WALL_FACTOR = 10  # a speed phase makes ~10-16 calls, each bounded by the timeout
MIN_SPEED_WALL = 180.0
PYTEST_GRACE = 10.0  # start-up and collection of the judge itself


class CourseProblem(RuntimeError):
    """Our own tests cannot be collected: a fault of the course, reported to the teacher."""


@dataclass(frozen=True)
class KnownTest:
    nodeid: str
    speed: bool


def collect_tests(exercises: tuple[Exercise, ...]) -> dict[str, list[KnownTest]]:
    """Every graded test of these exercises, by exercise id (collected on our solutions)."""
    read_end, write_end = os.pipe()
    command = [*judge_command(pytest_command(exercises[0], paths.SOLUTIONS,
                                             "speed or not speed")[1:]),
               *(str(paths.GRADED / e.test_file) for e in exercises[1:]),
               "--collect-only", "-p", "tangtoc.grader.judge_plugin", f"--judge-fd={write_end}"]
    # pytest's own output goes to a file: a pipe could fill while we read the judge's fd.
    with tempfile.TemporaryFile() as out, subprocess.Popen(
            command, cwd=paths.ROOT, env=pytest_env(), stdout=out, stderr=subprocess.STDOUT,
            pass_fds=(write_end,)) as process:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as stream:
            lines = stream.read().decode("utf-8").splitlines()
        process.wait()
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    collected = [json.loads(line)["collected"] for line in lines if '"collected"' in line]
    known: dict[str, list[KnownTest]] = {e.id: [] for e in exercises}
    for item in (collected[0] if collected else []):
        exercise_id = Path(item["nodeid"].split("::")[0]).stem.removeprefix("test_")
        if exercise_id in known:
            known[exercise_id].append(KnownTest(item["nodeid"], item["speed"]))
    empty = [exercise_id for exercise_id, tests in known.items() if not tests]
    if empty:
        raise CourseProblem(f"không thu thập được bài kiểm tra của {', '.join(empty)}:\n"
                            f"{output[-3000:]}")
    return known


def phase_tests(known: list[KnownTest], phase: str) -> list[KnownTest]:
    return [test for test in known if test.speed == (phase == "speed")]


def wall_seconds(phase: str, timeout: float) -> float:
    if phase == "speed":
        return max(SPEED_WALL_FACTOR * timeout, MIN_SPEED_WALL)
    return 2 * timeout + PYTEST_GRACE  # each call ≤ timeout; all of them ≤ twice that


def run_phase(sandbox: Sandbox, tree: GradingTree, exercise: Exercise, phase: str,
              known: list[KnownTest], slot: int = 0) -> list[GradedTest]:
    """Run one phase of one exercise; one GradedTest per known test. The judge runs our
    original tests (never a copy a submission could reach); slot: the job slot (its uid)."""
    timeout = sandbox.limits.timeout

    def command(fd: int) -> list[str]:
        return judge_command(pytest_command(
            exercise, tree.target, MARKERS[phase], "--call-timeout", str(timeout),
            "-p", "tangtoc.grader.judge_plugin", f"--judge-fd={fd}",
            "--basetemp", str(tree.judge / f"{exercise.id}-{phase}"),
        )[1:])

    outcome = sandbox.run(tree, command, wall_seconds(phase, timeout), slot)
    return results_from(exercise, phase, phase_tests(known, phase), outcome)


def results_from(exercise: Exercise, phase: str, known: list[KnownTest],
                 outcome: JudgeRun) -> list[GradedTest]:
    records = {record.name: record for record in (
        TestRecord.from_dict(m["record"]) for m in outcome.messages
        if isinstance(m.get("record"), dict))}
    status, message = unreported_status(outcome)
    results = []
    for test in known:
        result = GradedTest(exercise.id, test.nodeid, phase)
        record = records.get(test.nodeid.split("::", 1)[-1])
        if outcome.tampered:
            result.status, result.message = Status.ERROR, TAMPERED
        elif record is not None:
            result.status, result.message = record.status, record.message
            result.properties, result.seconds = record.properties, record.duration
        else:
            result.status, result.message = status, message
        results.append(result)
    return results


TAMPERED = ("Bài làm đã sửa tệp của bộ chấm hoặc tệp bài nộp trong lúc chạy: kết quả phần này "
            "không được tính.")


def unreported_status(outcome: JudgeRun) -> tuple[Status, str]:
    """Status of a test the judge never reported, from how the run ended (fail closed)."""
    if outcome.timed_out:
        return Status.TIMEOUT, ("Hết thời gian dành cho bài này nên bài bị dừng trước khi chạy tới "
                           "bài kiểm tra này.")
    finished = any("finished" in m for m in outcome.messages)
    if finished:
        return Status.ERROR, "Bài kiểm tra này không chạy (bị bỏ chọn hoặc lỗi thu thập)."
    return Status.CRASHED, (f"Bộ chạy bài kiểm tra dừng bất thường (mã thoát {outcome.exit_code}), "
                       "có thể do bài dùng quá nhiều bộ nhớ hoặc ghi quá nhiều dữ liệu.")


def missing_results(exercise: Exercise, known: list[KnownTest], reason: str,
                    status: Status = Status.FAILED) -> list[GradedTest]:
    """Every test of an exercise that was not submitted (or not gradable at all)."""
    return [GradedTest(exercise.id, test.nodeid, "speed" if test.speed else "correctness",
                       status, reason) for test in known]

"""Grading a class: intake, correctness in parallel, speed one at a time, reports, swap.

DESIGN.md §5. The phases follow the speed rules (§4 rule 5): correctness runs may share the
machine (`jobs` at a time); every speed phase runs alone, after all correctness runs, so that
no timing shares a core with another submission. A speed phase that found the machine busy
(something outside the grading used the CPU, and stayed busy through the check's own bounded
re-measuring) is measured once more at the end, minutes later: a teacher's backup or update
that ran for a while then costs a student nothing.
"""

import queue
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tangtoc import bubblewrap, catalog, environment
from tangtoc.cores import usable_cores
from tangtoc.grader import intake, judging, reports, scoring, uid_slots
from tangtoc.grader.grading_tree import GradingTree
from tangtoc.grader.output import OutputFolder
from tangtoc.grader.sandbox import Limits, Sandbox
from tangtoc.grader.terminal import Progress
from tangtoc.records import Status


@dataclass
class Options:
    submissions: Path
    out: Path
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    only: tuple[str, ...] = ()  # student ids to (re-)grade; empty: everyone
    exercises: tuple[str, ...] = ()  # exercise ids to grade; empty: the whole catalog
    single: str = ""  # SUBMISSIONS is this one student's folder (Gradescope, Classroom)
    skip_speed: bool = False  # a quick correctness-only pass
    work_parent: Path | None = None  # where the temporary trees go (default: the system's)
    no_sandbox: bool = False  # the teacher trusts the code: run it without bubblewrap


class SandboxUnavailable(RuntimeError):
    """No sandbox can be made here and the teacher did not say to grade without one."""


@dataclass
class Graded:
    rows: list[dict]
    reports: list[reports.StudentReport]
    out: Path
    backup: Path | None
    seconds: float
    warnings: list[str]
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per step


def grade(options: Options) -> Graded:
    started = time.monotonic()
    timings: dict[str, float] = {}
    exercises, skipped = _exercises(options)
    sandbox = _sandbox(options)
    known = judging.collect_tests(exercises)
    timings["collect"] = time.monotonic() - started
    output = OutputFolder(options.out, keep_previous=bool(options.only))
    work = Path(tempfile.mkdtemp(prefix="tangtoc-grade-", dir=options.work_parent))
    try:
        submissions, warnings = _intake(options, exercises, work / "staging")
        warnings += skipped
        machine = {"cores": usable_cores(), "python": environment.python_label(),
                   "start_method": environment.default_start_method()}
        graded = [reports.StudentReport(s.student, s.source.name, problem=s.problem,
                                        notes=list(s.notes), machine=machine)
                  for s in submissions]
        trees = _build_trees(submissions, work / "trees")
        for report in graded:
            report.machine["isolation"] = sandbox.describe()
        timings["intake"] = time.monotonic() - started - timings["collect"]
        with uid_slots.claimed(max(1, options.jobs)) as slots:
            _judge(options, sandbox, submissions, trees, graded, exercises, known, timings,
                   slots)
        mark = time.monotonic()
        for report in graded:
            reports.write_student(output.student_folder(report.student), report)
        rows = reports.write_gradebook(output.staging, [e.id for e in exercises], graded)
        backup = output.commit()
        timings["reports"] = time.monotonic() - mark
    except BaseException:
        output.abandon()
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Graded(rows, graded, output.out, backup, time.monotonic() - started, warnings,
                  timings)


def _exercises(options: Options) -> tuple[tuple, list[str]]:
    """The exercises to grade: those asked for, or the whole catalog but the optional ones
    this Python cannot run (their tests would all be skipped: nobody could earn the points)."""
    if options.exercises:
        return tuple(catalog.get(e) for e in options.exercises), []
    chosen = catalog.exercises()
    skipped = [f"Bỏ qua {e.id} (máy chấm: {environment.python_label()}): "
               f"{e.unavailable_reason}" for e in chosen if not e.available]
    return tuple(e for e in chosen if e.available), skipped


def _intake(options: Options, exercises, staging: Path):
    warnings = []
    if options.single:
        return [intake.single(options.submissions, options.single, exercises, staging)], warnings
    submissions = intake.collect(options.submissions, exercises, staging)
    if options.only:
        ids = {s.student for s in submissions}
        warnings += [f"Không có bài nộp nào tên «{name}»." for name in options.only
                     if name not in ids]
        submissions = [s for s in submissions if s.student in options.only]
    return submissions, warnings


def _sandbox(options: Options) -> Sandbox:
    """bubblewrap for every call of student code, unless the teacher said otherwise; where
    none can be made, refuse (SandboxUnavailable) rather than run untrusted code bare."""
    if not options.no_sandbox:
        reason = bubblewrap.unavailable_reason()
        if reason:
            raise SandboxUnavailable(reason)
    return Sandbox(options.limits, isolated=not options.no_sandbox)


def _build_trees(submissions, folder: Path) -> dict[str, GradingTree]:
    return {s.student: GradingTree.build(folder / s.student, s.files)
            for s in submissions if s.files}


def _judge(options, sandbox, submissions, trees, graded, exercises, known, timings,
           claimed: list[int]) -> None:
    """claimed: this run's job slots (uid_slots), each with its own uids."""
    by_student = {report.student: report for report in graded}
    slots: queue.SimpleQueue = queue.SimpleQueue()
    for slot in claimed:
        slots.put(slot)
    speed_work = [(s, e) for s in submissions for e in exercises
                  if e.id in s.files and judging.phase_tests(known[e.id], "speed")]
    progress = Progress(len(submissions) + len(speed_work))
    results: dict[tuple[str, str], list[scoring.GradedTest]] = {}

    def correctness(submission) -> None:
        started = time.monotonic()
        slot = slots.get()
        try:
            for exercise in exercises:
                if exercise.id in submission.files:
                    results[submission.student, exercise.id] = judging.run_phase(
                        sandbox, trees[submission.student], exercise, "correctness",
                        known[exercise.id], slot)
        finally:
            slots.put(slot)
        by_student[submission.student].seconds += time.monotonic() - started
        progress.step(f"đúng/sai: {submission.student}")

    mark = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(claimed)) as pool:
        list(pool.map(correctness, submissions))
    timings["correctness"] = time.monotonic() - mark
    mark = time.monotonic()
    for submission, exercise in speed_work:  # one at a time, nothing else running
        started = time.monotonic()
        results[submission.student, exercise.id] += _speed_tests(
            options, sandbox, trees[submission.student], exercise, known[exercise.id],
            results[submission.student, exercise.id], claimed[0])
        by_student[submission.student].seconds += time.monotonic() - started
        progress.step(f"tốc độ: {submission.student} · {exercise.id}")
    busy = [(s, e) for s, e in speed_work if not options.skip_speed
            and _machine_was_busy(results[s.student, e.id])]
    progress.total += len(busy)
    for submission, exercise in busy:  # a second chance, minutes later (module docstring)
        started = time.monotonic()
        tests = results[submission.student, exercise.id]
        correctness_tests = [t for t in tests if t.phase != "speed"]
        results[submission.student, exercise.id] = correctness_tests + _speed_tests(
            options, sandbox, trees[submission.student], exercise, known[exercise.id],
            correctness_tests, claimed[0])
        by_student[submission.student].notes.append(
            f"{exercise.id}: máy chấm bận trong lần đo tốc độ đầu tiên, nên phần tốc độ được "
            "đo lại ở cuối lần chấm; kết quả ghi ở đây là của lần đo lại.")
        by_student[submission.student].seconds += time.monotonic() - started
        progress.step(f"đo lại tốc độ (máy bận lúc trước): {submission.student} · "
                      f"{exercise.id}")
    timings["speed"] = time.monotonic() - mark
    for submission in submissions:
        report = by_student[submission.student]
        for exercise in exercises:
            tests = results.get((submission.student, exercise.id)) or judging.missing_results(
                exercise, known[exercise.id], _missing_reason(submission, exercise))
            scoring.score_exercise(exercise, tests)
            report.tests += tests


def _speed_tests(options, sandbox, tree, exercise, known, correctness_tests,
                 slot: int) -> list[scoring.GradedTest]:
    """The speed phase of one exercise: measured only when every correctness test passed."""
    speed = judging.phase_tests(known, "speed")
    if options.skip_speed:
        return judging.missing_results(
            exercise, speed, "Lần chấm này bỏ qua phần đo tốc độ (--skip-speed).",
            Status.NOT_GRADABLE)
    if all(t.status == Status.PASSED for t in correctness_tests):
        return judging.run_phase(sandbox, tree, exercise, "speed", known, slot)
    return judging.missing_results(
        exercise, speed,
        "Chưa đo tốc độ vì phần đúng/sai chưa đạt hết (chỉ chấm tốc độ khi bài đúng).")


def _machine_was_busy(tests: list[scoring.GradedTest]) -> bool:
    """A speed check that answered "máy đang bận" (not one that cannot run here at all, such
    as one usable core: its report says skipped)."""
    return any(t.phase == "speed" and t.status == Status.NOT_GRADABLE
               and (t.properties.get("speed") or {}).get("status") == Status.NOT_GRADABLE.value
               for t in tests)


def _missing_reason(submission, exercise) -> str:
    if submission.problem:
        return submission.problem
    return f"Không nộp tệp {exercise.file_name}."

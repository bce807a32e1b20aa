"""Grading a class: intake, correctness in parallel, speed one at a time, reports, swap.

DESIGN.md §5. The phases follow the speed rules (§4 rule 5): correctness runs may share the
machine (`jobs` at a time); every speed phase runs alone, after all correctness runs, so that
no timing shares a core with another submission.
"""

import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tangtoc import catalog, environment, paths
from tangtoc.cores import usable_cores
from tangtoc.grader import intake, judging, reports, scoring
from tangtoc.grader.output import OutputFolder
from tangtoc.grader.sandbox import (
    Limits,
    Sandbox,
    ShmJanitor,
    Tree,
    make_master_copy,
    namespaces_available,
)
from tangtoc.grader.terminal import Progress


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
        trees = _build_trees(submissions, work)
        sandbox = Sandbox(options.limits, hidden=_hidden(options, output),
                          use_namespace=namespaces_available())
        for report in graded:
            report.machine["isolation"] = sandbox.describe()
        timings["intake"] = time.monotonic() - started - timings["collect"]
        _judge(options, sandbox, submissions, trees, graded, exercises, known, timings)
        mark = time.monotonic()
        for report in graded:
            reports.write_student(output.student_folder(report.student), report)
        rows = reports.write_gradebook(output.staging, [e.id for e in exercises])
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
    skipped = [f"Bỏ qua {e.id}: bài này cần Python {e.python} trở lên, máy chấm đang chạy "
               f"{environment.python_label()}." for e in chosen if not e.available]
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


def _build_trees(submissions, work: Path) -> dict[str, Tree]:
    """Every tree exists before any run, so each run can hide all the others."""
    master = make_master_copy(work / "course")
    trees = {}
    for submission in submissions:
        if submission.files:
            trees[submission.student] = Tree.build(work / "trees" / submission.student,
                                                   submission.files, master)
    return trees


def _hidden(options: Options, output: OutputFolder) -> list[Path]:
    """Folders the student's code must not see: other submissions, outputs, our originals."""
    return [options.submissions.resolve(), output.staging, output.out, paths.TESTS,
            paths.SOLUTIONS]


def _judge(options, sandbox, submissions, trees, graded, exercises, known, timings) -> None:
    by_student = {report.student: report for report in graded}
    janitor = None if sandbox.use_namespace else ShmJanitor()
    speed_work = [(s, e) for s in submissions for e in exercises
                  if e.id in s.files and judging.phase_tests(known[e.id], "speed")]
    progress = Progress(len(submissions) + len(speed_work))
    results: dict[tuple[str, str], list[scoring.GradedTest]] = {}

    def correctness(submission) -> None:
        started = time.monotonic()
        others = [tree.root for student, tree in trees.items() if student != submission.student]
        for exercise in exercises:
            if exercise.id in submission.files:
                results[submission.student, exercise.id] = judging.run_phase(
                    sandbox, trees[submission.student], exercise, "correctness",
                    known[exercise.id], others)
        by_student[submission.student].seconds += time.monotonic() - started
        progress.step(f"đúng/sai: {submission.student}")

    mark = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        list(pool.map(correctness, submissions))
    if janitor:
        janitor.sweep()
    timings["correctness"] = time.monotonic() - mark
    mark = time.monotonic()
    for submission, exercise in speed_work:  # one at a time, nothing else running
        started = time.monotonic()
        passed = all(t.status == "passed" for t in results[submission.student, exercise.id])
        if options.skip_speed:
            results[submission.student, exercise.id] += judging.missing_results(
                exercise, judging.phase_tests(known[exercise.id], "speed"),
                "Lần chấm này bỏ qua phần đo tốc độ (--skip-speed).", "not_gradable")
        elif passed:
            others = [tree.root for s, tree in trees.items() if s != submission.student]
            results[submission.student, exercise.id] += judging.run_phase(
                sandbox, trees[submission.student], exercise, "speed", known[exercise.id],
                others)
            if janitor:
                janitor.sweep()
        else:
            results[submission.student, exercise.id] += judging.missing_results(
                exercise, judging.phase_tests(known[exercise.id], "speed"),
                "Chưa đo tốc độ vì phần đúng/sai chưa đạt hết (chỉ chấm tốc độ khi bài đúng).")
        by_student[submission.student].seconds += time.monotonic() - started
        progress.step(f"tốc độ: {submission.student} · {exercise.id}")
    timings["speed"] = time.monotonic() - mark
    for submission in submissions:
        report = by_student[submission.student]
        for exercise in exercises:
            tests = results.get((submission.student, exercise.id)) or judging.missing_results(
                exercise, known[exercise.id], _missing_reason(submission, exercise))
            scoring.score_exercise(exercise, tests)
            report.tests += tests


def _missing_reason(submission, exercise) -> str:
    if submission.problem:
        return submission.problem
    return f"Không nộp tệp {exercise.file_name}."

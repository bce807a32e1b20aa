"""Speed checks (DESIGN.md §4): is a submission really using several cores?

The judge times our sequential baseline and the candidate in fresh runner processes (from
process start to full result, so import-time work counts), on the same freshly generated,
calibrated input, alternating, and compares the median of the rounds' ratios (cross-checked by
the minima, tangtoc.verdict) against a threshold scaled by the cores this process may really use.

What "parallel" means differs per exercise (SpeedCheck.parallelism):
  processes  CPU-bound Python: only processes escape the GIL; threshold scaled by cores.
  threads    CPU-bound C code that releases the GIL (hashlib, zlib): threads are the right tool;
             threshold scaled by cores.
  io         waiting (network, disk): overlapping the waits helps even on one core, so the
             exercise sets its own threshold from the latency and the check is never skipped
             for lack of cores.
  vector     array maths: one vectorised numpy pass beats any pool of Python loops, even on
             one core, so the exercise sets its own threshold and the check is never skipped
             for lack of cores.

The candidate against itself (rule 6, second half): CPU time alone can be faked by a process
that burns a core beside a fast sequential algorithm. So a processes/threads pass is confirmed
by timing the candidate with workers=1 against itself with p workers (SELF_ROUNDS alternating
rounds of both, fresh inputs of the same size, up to MAX_SELF_ROUNDS while it falls short): its
time must drop by at least the same 1 + 0.2·(p − 1) when given p workers (median of the rounds'
ratios). A real pool does (its one-worker time is about our sequential time or more); code
whose speed does not come from its workers does not, whatever it burns. A slow failure above
the noise band whose cores worked is timed against itself too: the grader's partial credit
needs the same evidence (tangtoc.verdict.parallel_work_shown); the verdict stays "failed".

A second series (DESIGN.md §4 rule 8: a correct solution is never failed by the machine): a
shared VM slows down unseen, for minutes, and a candidate that needs several cores at once may
lose more than our one-core baseline: CI once timed our own dask reference at 1.22× (1.41-1.46×
on a calm machine, threshold 1.30×), and a correct imap_unordered pool at 1.13×, while their
trees used 1.6-1.8 cores. So a slow failure whose tree kept about p cores busy (the CPU evidence
a pass needs) is measured again, a fresh series of rounds, and the second series decides; a
pass there still needs the candidate against itself, so a burner gains nothing. Sequential
code and GIL-bound threads never qualify (one core); the first series' speed-up is kept in the
report and named in a note.

The verdict rules live in tangtoc.verdict, the wording in tangtoc.speed_wording.
"""

import itertools
import math
import operator
import pickle
import secrets
import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tangtoc import environment
from tangtoc.cores import usable_cores
from tangtoc.records import CourseError, SpeedReport, Status, call_status
from tangtoc.runner import CallResult, call_in_runner
from tangtoc.speed_wording import (
    busy_message,
    describe_failure,
    second_series_note,
    speed_message,
)
from tangtoc.verdict import (
    NOISE_BAND,
    OWN_THRESHOLD,
    Assessment,
    Run,
    assess,
    median_cores,
    one_worker_waited,
    required_cores,
    required_speedup,
    unloaded_median,
)

TARGET_BASELINE_SECONDS = 1.0  # process start-up under spawn must not dominate the timing
MAX_CALIBRATION_STEPS = 8
MIN_ROUNDS = 3
MAX_ROUNDS = 7
CORES_PROVEN = ("processes", "threads")  # parallelism whose pass needs the CPU evidence
SELF_ROUNDS = 2  # runs of the candidate with workers=1 that confirm a pass
MAX_SELF_ROUNDS = 4  # as many again when those do not: one slow round cannot fail a real pool
MAX_SELF_GROWTH = 8.0  # how much bigger the self rounds' input may be than the measuring one
PARALLELISM = ("processes", "threads", "io", "vector")


@dataclass
class SpeedCheck:
    exercise: str
    candidate_dir: Path
    baseline_dir: Path
    candidate: str  # function the student wrote
    baseline: str  # our sequential function, from baseline_dir
    workload: Callable[[int, int], tuple]  # (size, random seed) -> arguments of both functions
    workers: int  # passed to the candidate as workers=...
    start_method: str | None = None
    threshold: float | None = None
    initial_size: int = 4
    timeout: float = 120.0
    cwd: Path | None = None
    same_result: Callable[[Any, Any], bool] = operator.eq
    parallelism: str = "processes"  # see the module docstring; OWN_THRESHOLD need a threshold
    # Seconds the baseline must take: more than the default when the candidate has a fixed
    # start-up cost (e.g. numpy imported by each spawned worker) that must not dominate.
    target_seconds: float = TARGET_BASELINE_SECONDS
    # A parallel baseline (e.g. one that pickles a big array for every task) takes workers=...
    # like the candidate; `versus` names it in the verdict and `cause` explains a failure.
    baseline_workers: bool = False
    versus: str = ""
    cause: str = ""
    # io: what the judge-side server saw (e.g. slow_http.Site): called after a measured pass,
    # returns why the waits did not really overlap (a Vietnamese sentence), or "" if they did.
    # A speed-up the submission's own process could fake needs this evidence from outside it.
    outside_evidence: Callable[[], str] | None = None

    def __post_init__(self):
        if self.parallelism not in PARALLELISM:
            raise ValueError(f"unknown parallelism {self.parallelism!r}")
        if self.parallelism in OWN_THRESHOLD and self.threshold is None:
            raise ValueError(f"a {self.parallelism} speed check needs its own threshold")

    def call(self, which: str, args: tuple) -> CallResult:
        """which: "candidate", "one_worker" (the candidate with workers=1) or "baseline"."""
        if which in ("candidate", "one_worker"):
            folder, function = self.candidate_dir, self.candidate
            kwargs = {"workers": 1 if which == "one_worker" else self.workers}
        else:
            folder, function = self.baseline_dir, self.baseline
            kwargs = {"workers": self.workers} if self.baseline_workers else {}
        return call_in_runner(folder, self.exercise, function, args, kwargs,
                              start_method=self.start_method, timeout=self.timeout, cwd=self.cwd)


class _Failed(Exception):
    """A candidate run that cannot be timed: it raised, hung, crashed or answered wrongly."""

    def __init__(self, message: str, status: Status = Status.FAILED):
        super().__init__(message)
        self.status = status


def run_speed_check(check: SpeedCheck) -> SpeedReport:
    cores = usable_cores()
    start_method = check.start_method or environment.default_start_method()
    report = SpeedReport(check.exercise, Status.FAILED, "", cores, check.workers, start_method,
                         check.parallelism, versus=check.versus, cause=check.cause)
    if check.parallelism == "processes" and not environment.gil_enabled():
        report.notes.append(
            "Python này chạy không có GIL (free-threaded): luồng (thread) cũng có thể tăng tốc, "
            "nên kết quả này không chứng minh bài dùng nhiều tiến trình."
        )
    if check.parallelism not in OWN_THRESHOLD and min(check.workers, cores) < 2:
        report.status = Status.SKIPPED
        report.message = (
            f"không chấm được tốc độ: tiến trình này chỉ được dùng {cores} lõi CPU "
            "(và cần ít nhất 2 tiến trình làm việc). Hãy chạy trên máy có từ 2 lõi trở lên; "
            "trong máy ảo hoặc Docker, cấp thêm CPU cho nó."
        )
        return report
    report.threshold = check.threshold or required_speedup(check.workers, cores)
    if check.parallelism in CORES_PROVEN:
        report.cores_needed = required_cores(check.workers, cores)
    # Fresh, unpredictable data each run: no answer can be cached or prepared in advance.
    seeds = (secrets.randbelow(2**31) for _ in itertools.count())
    try:
        _run_pair(check, check.workload(check.initial_size, next(seeds)), "lần chạy thử")
        report.workload_size = _calibrate(check, seeds)
        unmeasured = replace(report, notes=list(report.notes))
        _measure(check, report, seeds)
        if _worth_a_second_series(check, report):
            report = _second_series(check, unmeasured, report, seeds)
    except _Failed as failure:
        report.status, report.message = Status.FAILED, str(failure)
        report.failure = failure.status
    return report



def _calibrate(check: SpeedCheck, seeds) -> int:
    """Grow the workload until our baseline takes check.target_seconds; return that size."""
    size = check.initial_size
    for _ in range(MAX_CALIBRATION_STEPS):
        seconds = _baseline_run(check, check.workload(size, next(seeds))).seconds
        if seconds >= check.target_seconds:
            return size
        growth = min(50.0, 1.15 * check.target_seconds / max(seconds, 1e-3))
        size = max(size + 1, math.ceil(size * growth))
    raise CourseError(f"không hiệu chỉnh được khối lượng đo: bản tuần tự vẫn chỉ mất "
                      f"{seconds:.2f} s ở kích thước {size}")


def _baseline_run(check: SpeedCheck, args: tuple) -> CallResult:
    result = check.call("baseline", args)
    if not result.ok:
        raise CourseError(f"bản tuần tự {check.baseline} lỗi: {describe_failure(result)}\n"
                          f"{result.traceback}{result.stderr}")
    return result


def _run_pair(check: SpeedCheck, args: tuple, label: str, candidate_first: bool = False):
    """Run baseline and candidate on the same input; the candidate must answer like ours."""
    order = ("candidate", "baseline") if candidate_first else ("baseline", "candidate")
    runs = {which: (check.call(which, args) if which == "candidate"
                    else _baseline_run(check, args)) for which in order}
    candidate = runs["candidate"]
    if not candidate.ok:
        raise _Failed(f"{label}: {describe_failure(candidate)}",
                      call_status(candidate.status, candidate.error_type))
    try:
        same = bool(check.same_result(candidate.value, runs["baseline"].value))
    except Exception as exc:  # e.g. an array compared with ==: a wrong type of result
        raise _Failed(f"{label}: không so sánh được kết quả với bản tuần tự ({exc}).") from None
    if not same:
        raise _Failed(f"{label}: kết quả khác với bản tuần tự trên cùng dữ liệu.")
    return runs["baseline"], candidate


def _measure(check: SpeedCheck, report: SpeedReport, seeds) -> None:
    baseline_runs: list[Run] = []
    candidate_runs: list[Run] = []
    while True:
        round_number = len(baseline_runs) + 1
        args = check.workload(report.workload_size, next(seeds))
        baseline, candidate = _run_pair(
            check, args, f"lần đo {round_number}",
            candidate_first=round_number % 2 == 0,  # alternate which one runs first
        )
        baseline_runs.append(Run.of(baseline))
        candidate_runs.append(Run.of(candidate))
        assessment = assess(baseline_runs, candidate_runs, report.threshold, report.cores_needed,
                            report.cores)
        if round_number >= MAX_ROUNDS or (round_number >= MIN_ROUNDS and assessment.settled):
            break
    fastest_seconds = min(r.seconds for r in candidate_runs)
    if assessment.outcome == "passed" and check.parallelism in CORES_PROVEN \
            and not check.baseline_workers:
        assessment = _against_itself(check, report, seeds, assessment, fastest_seconds)
    elif _earns_partial_credit_if_parallel(check, report, assessment):
        _self_rounds(check, report, seeds, fastest_seconds)  # evidence only, same verdict
    elif assessment.outcome == "passed" and check.outside_evidence is not None:
        missing = check.outside_evidence()
        if missing:
            report.cause = missing
            assessment = replace(assessment, outcome="failed", proof_failed=True)
    report.baseline_seconds = [r.seconds for r in baseline_runs]
    report.candidate_seconds = [r.seconds for r in candidate_runs]
    report.baseline_background = [r.background for r in baseline_runs]
    report.candidate_background = [r.background for r in candidate_runs]
    report.speedup, report.cpu_cores_used = assessment.speedup, assessment.cores_used
    report.proof_failed = assessment.proof_failed
    fastest = min(candidate_runs, key=lambda run: run.seconds)
    report.bytes_sent, report.messages_sent = fastest.bytes_written, fastest.write_calls
    report.input_bytes = _pickled_size(args)  # every round's input has the same size
    report.status = Status.NOT_GRADABLE if assessment.outcome == "busy" else Status(
        assessment.outcome)
    report.message = (busy_message(report) if report.status == Status.NOT_GRADABLE
                      else speed_message(report))


def _worth_a_second_series(check: SpeedCheck, report: SpeedReport) -> bool:
    """A slow failure whose cores all worked (module docstring)."""
    return (report.status == Status.FAILED and report.failure is None
            and not report.proof_failed
            and _cores_worked(check, report.cpu_cores_used, report.cores_needed))


def _second_series(check: SpeedCheck, unmeasured: SpeedReport, first: SpeedReport,
                   seeds) -> SpeedReport:
    """Measure again from `unmeasured` (the report as it was before the first series)."""
    second = replace(unmeasured, notes=list(unmeasured.notes))
    _measure(check, second, seeds)
    second.first_series_speedup = first.speedup
    second.notes.append(second_series_note(first))
    return second


def _pickled_size(args: tuple) -> int | None:
    try:
        return len(pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a workload that does not pickle: no figure, no cause named
        return None


def _self_size(check: SpeedCheck, size: int, fastest_seconds: float) -> int:
    """The input size of the self rounds. A candidate much faster than our baseline (a better
    algorithm, run in parallel) would finish the measuring input in a fraction of a second, where
    starting its workers weighs as much as the work and hides what they add (a correct spawn
    pool at 4× measured 0.28-0.39 s with 1 or 2 workers); so it gets an input big enough to
    take about the baseline's target time (bounded)."""
    if fastest_seconds >= check.target_seconds / 2:
        return size
    growth = min(MAX_SELF_GROWTH, check.target_seconds / max(fastest_seconds, 1e-3))
    return math.ceil(size * growth)


def _earns_partial_credit_if_parallel(check: SpeedCheck, report: SpeedReport,
                                      assessment: Assessment) -> bool:
    """A slow failure above the noise band earns the grader's partial speed credit only with
    the evidence a pass needs (tangtoc.grader.scoring): its cores worked, so time it against
    itself too. Without that, sequential code just faster than ours (a better algorithm) or a
    burner beside it would get part of the speed points."""
    return (assessment.outcome == "failed" and not assessment.proof_failed
            and assessment.speedup > NOISE_BAND
            and _cores_worked(check, assessment.cores_used, report.cores_needed))


def _cores_worked(check: SpeedCheck, cores_used: float | None, cores_needed: float) -> bool:
    """The CPU evidence a pass needs: the call's tree kept about p cores busy."""
    return (check.parallelism in CORES_PROVEN and cores_used is not None
            and cores_used >= cores_needed)


def _against_itself(check: SpeedCheck, report: SpeedReport, seeds, assessment: Assessment,
                    fastest_seconds: float) -> Assessment:
    """Confirm a pass by timing the candidate with workers=1 against itself with its workers
    (module docstring)."""
    ratios, again = _self_rounds(check, report, seeds, fastest_seconds)
    if report.one_worker_waited:
        return Assessment("failed", assessment.speedup, assessment.cores_used,
                          assessment.background, settled=True, proof_failed=True)
    if report.self_speedup >= report.cores_needed:
        return assessment
    # As in assess(): fail only if it would still fail had the others' cores been free.
    if unloaded_median(ratios, again, report.cores) < report.cores_needed:
        return Assessment("failed", assessment.speedup, assessment.cores_used,
                          assessment.background, settled=True, proof_failed=True)
    return Assessment("busy", assessment.speedup, assessment.cores_used, assessment.background,
                      settled=False)


def _self_rounds(check: SpeedCheck, report: SpeedReport, seeds,
                 fastest_seconds: float) -> tuple[list[float], list[Run]]:
    """Time the candidate with workers=1 and with its workers, in rounds of both on one input,
    alternating, like the measuring ones (SELF_ROUNDS, up to MAX_SELF_ROUNDS while the median
    of their ratios falls short); record them in the report and return the rounds' ratios and
    the runs with its workers."""
    one_worker, again, ratios = [], [], []
    report.self_workload_size = _self_size(check, report.workload_size, fastest_seconds)
    for number in range(1, MAX_SELF_ROUNDS + 1):
        if number > SELF_ROUNDS and statistics.median(ratios) >= report.cores_needed:
            break
        args = check.workload(report.self_workload_size, next(seeds))
        order = ("one_worker", "candidate") if number % 2 else ("candidate", "one_worker")
        runs = {which: check.call(which, args) for which in order}
        for which, result in runs.items():
            if not result.ok:
                workers = "workers=1" if which == "one_worker" else f"workers={check.workers}"
                raise _Failed(f"khi chạy với {workers} (lần {number}): "
                              f"{describe_failure(result)}",
                              call_status(result.status, result.error_type))
        one_worker.append(Run.of(runs["one_worker"]))
        again.append(Run.of(runs["candidate"]))
        ratios.append(one_worker[-1].seconds / again[-1].seconds)
    report.one_worker_seconds = [r.seconds for r in one_worker]
    report.self_candidate_seconds = [r.seconds for r in again]
    report.self_speedup = statistics.median(ratios)
    report.one_worker_cores = median_cores(one_worker)
    report.one_worker_waited = one_worker_waited(one_worker, report.cores)
    return ratios, again

"""Speed checks (DESIGN.md §4): is a submission really using several cores?

The judge times our sequential baseline and the candidate in fresh runner processes (from
process start to full result, so import-time work counts), on the same freshly generated,
calibrated input, alternating, and compares the minima against a threshold scaled by the cores
this process may really use.

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

Proof of parallelism (rule 6): for processes/threads a pass also needs the CPU of the
candidate's whole process tree, read by the judge when the reply arrives (tangtoc.cpu_usage),
to show that about p cores worked during its fastest run: at least 1 + 0.2·(p − 1) cores on
average (1.2 on 2 cores). Sequential code and threads under the GIL use at most one core
however clever the algorithm, while a process pool that reaches the 1 + 0.3·(p − 1) speed-up
with the baseline's own work uses about that many cores or more.

A busy machine (rule 5): the judge also measures what else used the CPU during each run. A
failure counts only if it would still fail had the candidate had the cores the others took
(speed-up and cores scaled by p / (p − background)); a pass counts only if at least one
baseline run was quiet (the baseline's minimum is then not inflated by the load). Otherwise
another round is measured, up to MAX_ROUNDS, and then the check answers "máy đang bận"
(status not_gradable), never a false "failed".

The candidate against itself (rule 6, second half): CPU time alone can be faked by a process
that burns a core beside a fast sequential algorithm. So a processes/threads pass is confirmed
by timing the candidate with workers=1 (SELF_ROUNDS runs, fresh inputs of the same size): its
own time must drop by at least the same 1 + 0.2·(p − 1) when given p workers. A real pool
does (its one-worker time is about our sequential time or more); code whose speed does not
come from its workers does not, whatever it burns.
"""

import itertools
import math
import operator
import pickle
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tangtoc import environment
from tangtoc.cores import usable_cores
from tangtoc.records import Status, call_status
from tangtoc.runner import CallResult, call_in_runner

TARGET_BASELINE_SECONDS = 1.0  # process start-up under spawn must not dominate the timing
MAX_CALIBRATION_STEPS = 8
MIN_ROUNDS = 3
MAX_ROUNDS = 7
CLOSE_MARGIN = 0.12  # within ±12 % of the threshold, measure another round: on shared 2-core VMs
# one check saw the sequential cheat at 1.18× and the reference at 1.38× (threshold 1.30×)
QUIET_FRACTION = 0.25  # a run is quiet when the rest of the machine used < 25 % of the cores
CORES_PROVEN = ("processes", "threads")  # parallelism whose pass needs the CPU evidence
SELF_ROUNDS = 2  # runs of the candidate with workers=1 that confirm a pass
BUSY_MESSAGE = "máy đang bận, chưa đo được tốc độ: đóng bớt chương trình rồi thử lại"


PARALLELISM = ("processes", "threads", "io", "vector")
OWN_THRESHOLD = ("io", "vector")  # speed-ups that do not come from using more cores


def required_speedup(workers: int, cores: int) -> float:
    """1 + 0.3·(p − 1) with p = min(workers, cores): 1.3× on 2 cores, 3.1× on 8."""
    p = min(workers, cores)
    return 1 + 0.3 * (p - 1)


def required_cores(workers: int, cores: int) -> float:
    """Average cores the candidate's tree must use: 1 + 0.2·(p − 1), 1.2 on 2 cores, 2.4 on 8
    (one core is all sequential code or GIL-bound threads can use; see the module docstring)."""
    p = min(workers, cores)
    return 1 + 0.2 * (p - 1)


@dataclass(frozen=True)
class Run:
    """One timed call, as the judge measured it."""

    seconds: float
    cores_used: float | None = None  # CPU of the call's tree / seconds
    background: float | None = None  # cores' worth used by the rest of the machine meanwhile
    # Diagnostics of a failure's cause (never a verdict: counted inside the runner): what the
    # call wrote to pipes and files, in how many write() calls (messages: tasks and results).
    bytes_written: int | None = None
    write_calls: int | None = None

    @classmethod
    def of(cls, result: CallResult) -> "Run":
        cores = (None if result.tree_cpu_seconds is None or not result.seconds
                 else result.tree_cpu_seconds / result.seconds)
        return cls(result.seconds, cores, result.background_cores, result.bytes_written,
                   result.write_calls)


@dataclass(frozen=True)
class Verdict:
    speedup: float
    passed: bool
    close: bool  # too near the threshold to trust one more or one less round


def decide(baseline: list[float], candidate: list[float], threshold: float,
           margin: float = CLOSE_MARGIN) -> Verdict:
    """Compare the fastest baseline run with the fastest candidate run."""
    speedup = min(baseline) / min(candidate)
    return Verdict(speedup, speedup >= threshold, abs(speedup / threshold - 1) < margin)


@dataclass(frozen=True)
class Assessment:
    outcome: str  # passed | failed | busy
    speedup: float
    cores_used: float | None  # during the candidate's fastest run
    background: float | None  # during the candidate's fastest run
    settled: bool  # False: another round could change the outcome
    proof_failed: bool = False  # fast enough, but not on several cores


def assess(baseline: list[Run], candidate: list[Run], threshold: float,
           needed_cores: float | None, cores: int) -> Assessment:
    """The verdict on the rounds so far (module docstring: proof of parallelism, busy machine).
    needed_cores None: the exercise's speed-up does not come from cores (io, vector)."""
    verdict = decide([r.seconds for r in baseline], [r.seconds for r in candidate], threshold)
    fastest = min(candidate, key=lambda run: (run.seconds, run.background or 0.0))
    used = fastest.cores_used
    proven = needed_cores is None or used is None or used >= needed_cores
    if verdict.passed and proven:
        quiet = any(r.background is None or r.background < QUIET_FRACTION * cores
                    for r in baseline)
        return Assessment("passed" if quiet else "busy", verdict.speedup, used,
                          fastest.background, settled=quiet and not verdict.close)
    # Had the candidate had the cores the rest of the machine took, would it still fail?
    taken = min(fastest.background or 0.0, cores)
    headroom = math.inf if taken >= cores * 0.9 else cores / (cores - taken)
    slow = not verdict.passed and verdict.speedup * headroom < threshold
    unproven = not proven and used * headroom < needed_cores
    if slow or unproven:
        return Assessment("failed", verdict.speedup, used, fastest.background,
                          settled=not (slow and verdict.close), proof_failed=unproven and not slow)
    return Assessment("busy", verdict.speedup, used, fastest.background, settled=False)


@dataclass
class SpeedReport:
    exercise: str
    status: Status  # passed | failed | skipped | not_gradable (the machine stayed busy)
    message: str
    cores: int
    workers: int
    start_method: str
    parallelism: str = "processes"
    threshold: float | None = None
    speedup: float | None = None
    workload_size: int | None = None
    baseline_seconds: list[float] = field(default_factory=list)
    candidate_seconds: list[float] = field(default_factory=list)
    cpu_cores_used: float | None = None  # judge-measured, during the fastest candidate run
    cores_needed: float | None = None  # what proves parallel work (processes/threads)
    one_worker_seconds: list[float] = field(default_factory=list)  # the candidate, workers=1
    self_speedup: float | None = None  # its fastest one-worker run / its fastest run
    proof_failed: bool = False  # fast enough but not parallel: no partial speed credit
    baseline_background: list[float | None] = field(default_factory=list)
    candidate_background: list[float | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    python: str = field(default_factory=environment.python_label)
    versus: str = ""  # what the baseline is, when it is not our sequential version
    cause: str = ""  # the likely cause of a failure, when the check knows better than we do
    # Measured during the fastest candidate run, to name a failure's cause (_likely_cause):
    input_bytes: int | None = None  # the arguments' pickled size
    bytes_sent: int | None = None  # written by the call (pipes to workers, results, files)
    messages_sent: int | None = None  # its write() calls: about one per task and per result
    # Why a failed check stopped before any verdict on speed: how the candidate's call ended
    # (timeout, crashed, error; failed for a wrong answer). None: it was measured to the end.
    failure: Status | None = None

    @property
    def passed(self) -> bool:
        return self.status == Status.PASSED

    def to_dict(self) -> dict:
        return asdict(self)


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
        _measure(check, report, seeds)
    except _Failed as failure:
        report.status, report.message = Status.FAILED, str(failure)
        report.failure = failure.status
    return report


class CourseError(RuntimeError):
    """Our own baseline failed or cannot be timed: a bug of the course, not of the student."""


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
    if assessment.outcome == "passed" and check.parallelism in CORES_PROVEN \
            and not check.baseline_workers:
        assessment = _against_itself(check, report, seeds, candidate_runs, assessment)
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
    report.message = (_busy_message(report, assessment) if report.status == Status.NOT_GRADABLE
                      else _message(report))


def _pickled_size(args: tuple) -> int | None:
    try:
        return len(pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a workload that does not pickle: no figure, no cause named
        return None


def _against_itself(check: SpeedCheck, report: SpeedReport, seeds, candidate_runs: list[Run],
                    assessment: Assessment) -> Assessment:
    """Confirm a pass by timing the candidate with workers=1 (module docstring)."""
    one_worker = []
    for number in range(1, SELF_ROUNDS + 1):
        result = check.call("one_worker", check.workload(report.workload_size, next(seeds)))
        if not result.ok:
            raise _Failed(f"khi chạy với workers=1 (lần {number}): {describe_failure(result)}",
                          call_status(result.status, result.error_type))
        one_worker.append(Run.of(result))
    report.one_worker_seconds = [r.seconds for r in one_worker]
    fastest = min(candidate_runs, key=lambda run: run.seconds)
    report.self_speedup = min(report.one_worker_seconds) / fastest.seconds
    if report.self_speedup >= report.cores_needed:
        return assessment
    # As in assess(): fail only if it would still fail had the others' cores been free.
    taken = min(fastest.background or 0.0, report.cores)
    headroom = math.inf if taken >= report.cores * 0.9 else report.cores / (report.cores - taken)
    if report.self_speedup * headroom < report.cores_needed:
        return Assessment("failed", assessment.speedup, assessment.cores_used,
                          assessment.background, settled=True, proof_failed=True)
    return Assessment("busy", assessment.speedup, assessment.cores_used, assessment.background,
                      settled=False)


def _busy_message(report: SpeedReport, assessment: Assessment) -> str:
    others = max((b for b in report.baseline_background + report.candidate_background
                  if b is not None), default=0.0)
    return (f"{BUSY_MESSAGE}. Trong lúc đo, các chương trình khác dùng tới ≈ {others:.1f} lõi "
            f"CPU (trên {report.cores} lõi), nên chưa kết luận được: đo được "
            f"{measured_phrase(report.to_dict())}.")


BOOTSTRAPPING = "before the current process has finished its bootstrapping phase"
MAIN_GUARD_HELP = (
    "Nguyên nhân: thiếu điều kiện `if __name__ == \"__main__\":`. Mã chạy thử ở cấp cao nhất "
    "của tệp (ngoài mọi hàm) chạy lại mỗi khi một tiến trình con (spawn, forkserver) import "
    "tệp, và nó lại tạo tiến trình mới khi tiến trình con chưa khởi động xong (lỗi "
    "«bootstrapping phase»), nên Pool không bao giờ xong. Cách sửa: đưa mọi mã chạy thử vào "
    "trong khối `if __name__ == \"__main__\":` ở cuối tệp; giữ các hàm ở cấp cao nhất "
    "(docs/bai08-sai-lam.md, mục 1)."
)


def describe_failure(result: CallResult) -> str:
    """One Vietnamese sentence about a call that did not return normally, and the missing
    main guard's explanation when its RuntimeError shows in what the call printed."""
    error = f"{result.error_type}: {result.error}" if result.error_type else result.error
    sentence = {
        "raised": f"bài ném ngoại lệ {error}",
        "import_error": f"không nhập (import) được bài: {error}",
        "timeout": f"bài chạy quá lâu ({error}) nên bị dừng",
        "crashed": error,
        "bad_result": error,
    }.get(result.status, error).rstrip(".") + "."
    if BOOTSTRAPPING in " ".join(f"{result.error} {result.stderr}".split()):
        sentence += " " + MAIN_GUARD_HELP
    return sentence


def speed_reports(properties: dict) -> list[dict]:
    """Every speed report a test recorded, in order: a test may run several checks (e.g. against
    our sequential version, then against a pickling pool); "speed" alone is the last one."""
    return properties.get("speed_checks") or ([properties["speed"]] if properties.get("speed")
                                              else [])


def measured_phrase(report: dict) -> str:
    """'tăng tốc 1.84× trên 2 lõi (cần ≥ 1.30×)' from a report (as a dict: it crosses processes);
    an I/O-bound check names its threads instead: 'tăng tốc 6.10× với 8 luồng (cần ≥ 4.00×)'."""
    if report.get("parallelism") == "io":
        where = f" với {report['workers']} luồng"
    elif report.get("parallelism") == "vector":
        where = ""  # the speed-up of vectorising does not depend on the cores
    else:
        where = f" trên {min(report['workers'], report['cores'])} lõi"
    versus = f" so với {report['versus']}," if report.get("versus") else ""
    return f"tăng tốc {report['speedup']:.2f}×{versus}{where} (cần ≥ {report['threshold']:.2f}×)"


def _message(report: SpeedReport) -> str:
    measured = measured_phrase(report.to_dict())
    cpu = ("" if report.cpu_cores_used is None
           else f" CPU dùng ≈ {report.cpu_cores_used:.1f} lõi"
           + ("" if report.cores_needed is None else f" (cần ≥ {report.cores_needed:.1f})")
           + ".")
    if report.passed:
        return measured + "." + cpu
    if report.proof_failed and report.self_speedup is not None:
        return _not_from_workers(report, measured)
    if report.proof_failed:
        return _not_parallel(report, measured)
    cause = report.cause or _likely_cause(report)
    return f"chỉ {measured}.{cpu} {cause}"


def _not_parallel(report: SpeedReport, measured: str) -> str:
    """Faster than our sequential version, but on about one core: praise the algorithm and say
    why it is not yet parallel."""
    tool = ("nhiều luồng (thread) cùng băm các khối lớn" if report.parallelism == "threads"
            else "nhiều tiến trình (Pool hoặc ProcessPoolExecutor)")
    return (f"{measured}: bài đúng và nhanh hơn bản tuần tự, thuật toán tốt! Nhưng trong lần "
            f"chạy nhanh nhất CPU chỉ dùng ≈ {report.cpu_cores_used:.1f} lõi (cần ≥ "
            f"{report.cores_needed:.1f} trong {min(report.workers, report.cores)} lõi): tốc độ "
            "đến từ thuật toán, không phải từ chạy song song. Bài này chấm việc dùng nhiều lõi: "
            f"hãy chia việc cho `workers` phần chạy cùng lúc bằng {tool}; thuật toán nhanh của "
            "bạn chạy trong từng phần sẽ còn nhanh hơn nữa.")


def _not_from_workers(report: SpeedReport, measured: str) -> str:
    """Fast, and busy cores, but no faster with p workers than with one: the speed-up does not
    come from dividing the work."""
    p = min(report.workers, report.cores)
    return (f"{measured}, nhưng chính bài này với workers=1 cũng chỉ mất "
            f"{min(report.one_worker_seconds):.2f} s so với {min(report.candidate_seconds):.2f} s "
            f"khi có {p} tiến trình làm việc: chỉ nhanh hơn {report.self_speedup:.2f}× khi thêm "
            f"tiến trình (cần ≥ {report.cores_needed:.1f}×). Tốc độ không đến từ việc chia việc "
            "cho các tiến trình làm việc (CPU bận thêm mà không làm phần việc nào thì không "
            "tính). Hãy chia dữ liệu thành `workers` phần và tính mỗi phần trong một tiến trình.")


MANY_MESSAGES = 1000  # write() calls: a Pool in sensible chunks makes tens; one per item, more
SMALL_MESSAGE = 4096  # bytes per write() on average: a big message goes in pipe-sized pieces
COPIED_SHARE = 0.5  # of the input's pickled size, written to the workers and back
BIG_INPUT = 1 << 20  # bytes: less costs little to copy, whatever the share


def _likely_cause(report: SpeedReport) -> str:
    """The likely cause of a slow failure, from what was measured during the fastest run: the
    cores used, the messages and bytes the call wrote; a fixed list only where nothing was."""
    if report.parallelism == "io":
        return ("Các lần chờ mạng chưa chồng lên nhau: có lẽ bài vẫn tải từng địa chỉ một, hoặc "
                "dùng ít luồng hơn số được giao. Hãy gửi mọi yêu cầu vào một ThreadPoolExecutor "
                "với `workers` luồng.")
    if report.parallelism == "vector":
        return ("Bài vẫn chạy vòng lặp Python qua từng phần tử (chia cho nhiều tiến trình cũng "
                "chỉ nhân được số lõi): hãy viết phép tính trên cả mảng bằng các phép toán "
                "numpy (vector hóa).")
    if report.parallelism == "threads":
        return ("Các luồng chưa chạy song song: có lẽ bài chạy tuần tự, dùng ít luồng hơn số "
                "được giao, hoặc đưa cho hàm thư viện những khối dữ liệu quá nhỏ (hashlib chỉ "
                "nhả GIL với khối lớn hơn 2047 byte).")
    measured = _traffic_cause(report)  # many tasks or a big copy keep a pool slow, whatever
    if measured:  # the cores it kept busy
        return measured
    used = report.cpu_cores_used
    if used is not None and used < 1.3:
        return ("Mã gần như chỉ dùng một lõi: có lẽ nó chạy tuần tự, hoặc dùng luồng (thread) "
                "nên bị GIL giới hạn. Hãy dùng tiến trình (Pool hoặc ProcessPoolExecutor).")
    if report.messages_sent is not None and report.bytes_sent is not None:
        return (f"{_traffic(report)}: không phải do quá nhiều việc nhỏ hay sao chép dữ liệu. "
                "Nhiều lõi đã bận mà thời gian không giảm tương xứng: có thể vì tạo tiến "
                "trình/Pool nhiều lần, vì mỗi tiến trình con khởi động (import) nặng, hoặc vì "
                "phần chạy tuần tự trong tiến trình chính còn lớn.")
    if used is not None:
        return ("Nhiều lõi đã làm việc mà thời gian không giảm tương xứng: có thể vì quá nhiều "
                "việc (task) nhỏ (tăng chunksize), vì sao chép dữ liệu lớn sang tiến trình con, "
                "hoặc vì tạo tiến trình/Pool nhiều lần.")
    return ("Nguyên nhân thường gặp: dùng luồng thay vì tiến trình (GIL), chạy tuần tự, quá "
            "nhiều việc nhỏ (tăng chunksize), hoặc sao chép dữ liệu lớn sang tiến trình con.")


def _traffic(report: SpeedReport) -> str:
    return (f"Trong lần chạy nhanh nhất, bài đã ghi {_size(report.bytes_sent)} qua "
            f"{report.messages_sent} lần ghi")


def _traffic_cause(report: SpeedReport) -> str:
    """The cause the call's writes show, many small tasks or a big copy; empty when neither
    (or when they were not measured)."""
    messages, sent, size = report.messages_sent, report.bytes_sent, report.input_bytes
    if messages is None or sent is None:
        return ""
    if messages >= MANY_MESSAGES and sent < SMALL_MESSAGE * messages:
        return (f"{_traffic(report)} (khoảng một lần cho mỗi việc gửi đi và mỗi kết quả gửi "
                "về): quá nhiều việc (task) nhỏ, tiến trình chính và các tiến trình con tốn thời "
                "gian pickle và chuyển từng việc. Hãy gửi việc theo lô: tăng chunksize, hoặc "
                "chia dữ liệu thành vài phần cho mỗi tiến trình.")
    # A big share of a big input, or megabytes beside a small one (paths whose contents
    # were read in the main process and sent).
    if sent >= BIG_INPUT and (not size or size < BIG_INPUT or sent >= COPIED_SHARE * size):
        share = (f", bằng {sent / size:.0%} dữ liệu vào ({_size(size)})"
                 if size and size >= BIG_INPUT else "")
        return (f"{_traffic(report)}{share}: dữ liệu lớn đã được pickle và sao chép sang các "
                "tiến trình con (và kết quả gửi về). Hãy để mỗi tiến trình con tự đọc phần dữ "
                "liệu của nó (gửi đường dẫn, chỉ số), hoặc dùng bộ nhớ chia sẻ (SharedMemory).")
    return ""


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count / 2**10:.0f} KiB"

"""The result model: one status vocabulary, decided where a result is observed.

A status is never read back from the wording of a message: the runner knows how a call ended,
the script runner knows how a program ended, the speed harness knows why a check stopped, and
the pytest plugin records that status with each test. Everything the student and the teacher
read (check, watch, feedback.md, grades.csv, results.json) renders from these statuses.

Vocabulary (DESIGN.md §5, plus the checker's words for what a laptop cannot judge):
  passed, failed, timeout (hung: stopped at its time limit), crashed (killed, died, or hit a
  sandbox limit), error (did not import, the judge could not run it, or the course failed),
  not_gradable (no verdict possible here: one core, a busy machine, this Python);
  skipped (a speed check with too few cores: a SpeedReport only), untimed (`check`: correct
  but not timed on this machine), unavailable (`check`: this Python cannot run the exercise).
"""

from dataclasses import asdict, dataclass, field
from enum import Enum

from tangtoc import environment


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    ERROR = "error"
    NOT_GRADABLE = "not_gradable"
    SKIPPED = "skipped"
    UNTIMED = "untimed"
    UNAVAILABLE = "unavailable"

    # Render as the bare value everywhere (f-strings, str(), JSON), on every Python >= 3.10.
    __str__ = str.__str__
    __format__ = str.__format__


# The statuses a graded test can end with (the grader's contract, DESIGN.md §5).
TEST_STATUSES = (Status.PASSED, Status.FAILED, Status.TIMEOUT, Status.CRASHED, Status.ERROR,
                 Status.NOT_GRADABLE)
# Worst first: the one a student's row shows when several tests went wrong.
SEVERITY = (Status.ERROR, Status.CRASHED, Status.TIMEOUT, Status.FAILED, Status.NOT_GRADABLE)

# How a runner call ended (tangtoc.runner.CallResult.status) -> the test's status.
_CALL_STATUSES = {"returned": Status.PASSED, "raised": Status.FAILED,
                  "bad_result": Status.FAILED, "timeout": Status.TIMEOUT,
                  "crashed": Status.CRASHED, "import_error": Status.ERROR}
# Exceptions raised by the sandbox's memory and process limits: the call was stopped, not wrong.
LIMIT_ERRORS = ("MemoryError", "BlockingIOError")


def call_status(status: str, error_type: str = "") -> Status:
    """The status of a test whose last call of the student's code ended this way."""
    if status == "raised" and error_type in LIMIT_ERRORS:
        return Status.CRASHED
    return _CALL_STATUSES.get(status, Status.FAILED)


def script_status(status: str, returncode: int | None) -> Status:
    """The status of a test whose run of the student's program (tangtoc.script_run) ended this
    way: hung, could not be loaded, killed by a signal, or exited."""
    if status == "timeout":
        return Status.TIMEOUT
    if status == "not_loadable":
        return Status.ERROR
    if returncode is not None and returncode < 0:
        return Status.CRASHED
    return Status.PASSED if returncode == 0 else Status.FAILED


def worst(statuses) -> Status:
    """The most serious of these statuses (PASSED when there is nothing wrong)."""
    present = set(statuses)
    return next((status for status in SEVERITY if status in present), Status.PASSED)


@dataclass
class TestRecord:
    """One graded test as the course's pytest plugin recorded it: pytest's outcome, the status
    observed, the message shown to the student, the judge's time in it, and what the test
    recorded (speed measurements, how the last call ended). Crosses processes as JSON."""

    __test__ = False  # not a test class, wherever it is imported

    nodeid: str
    outcome: str = "passed"  # pytest's: passed | failed | error | skipped
    status: Status = Status.PASSED
    message: str = ""
    duration: float = 0.0
    properties: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.nodeid.split("::", 1)[-1]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TestRecord":
        """A record read back; one without a known status (never written by our plugin) is an
        error of the judge, never a pass."""
        try:
            status = Status(data["status"])
        except (KeyError, ValueError):
            status = Status.ERROR
        return cls(str(data.get("nodeid", "")), str(data.get("outcome", "error")), status,
                   str(data.get("message", "")), float(data.get("duration") or 0.0),
                   dict(data.get("properties") or {}))


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
    self_candidate_seconds: list[float] = field(default_factory=list)  # paired with those
    self_workload_size: int | None = None  # their input's size (bigger for a fast candidate)
    self_speedup: float | None = None  # median of one_worker / self_candidate, round by round
    one_worker_cores: float | None = None  # median CPU / time of the workers=1 runs (≈ 1: work)
    one_worker_waited: bool = False  # those runs mostly waited: the self rounds prove nothing
    proof_failed: bool = False  # fast enough but not parallel: no partial speed credit
    first_series_speedup: float | None = None  # a near failure measured again (tangtoc.speed)
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


class CourseError(RuntimeError):
    """Our own baseline failed or cannot be timed: a bug of the course, not of the student."""

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

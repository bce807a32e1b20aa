"""Scoring (DESIGN.md §5): a status per test, points per exercise, speed credit only when correct.

Statuses: passed, failed, timeout, crashed, error (did not import / the judge could not run),
not_gradable (e.g. one usable core). Records come from the judge's stream (judge_plugin); a
test that never reported gets the status of how its run ended, never "passed" (fail closed).
"""

from dataclasses import dataclass, field

from tangtoc.catalog import Exercise

STATUSES = ("passed", "failed", "timeout", "crashed", "error", "not_gradable")
EXERCISE_POINTS = 10.0
SPEED_SHARE = 0.4  # of a speed exercise's points; the rest is for correct results
NOISE_BAND = 1.15  # below this measured speed-up, no speed credit (DESIGN.md §5)

# How the failed test's last runner call ended (recorded by judge_plugin) -> status.
CALL_STATUSES = {"timeout": "timeout", "crashed": "crashed", "import_error": "error"}
LIMIT_ERRORS = ("MemoryError", "BlockingIOError")  # the sandbox's memory / process limit
# Fallback where no call was recorded (speed checks, scripts): our own Vietnamese phrases
# (tangtoc.speed.describe_failure, tangtoc.submission) -> status.
PHRASES = (
    ("bài chạy quá lâu", "timeout"),
    ("tiến trình chạy bài bị dừng bởi tín hiệu", "crashed"),
    ("tiến trình chạy bài dừng đột ngột", "crashed"),
    ("tiến trình chạy bài đóng kênh kết quả", "crashed"),
    ("không nhập (import) được bài", "error"),
    ("MemoryError", "crashed"),  # the memory limit was reached
    ("BlockingIOError", "crashed"),  # the process limit was reached (a fork loop)
    ("can't start new thread", "crashed"),
)


@dataclass
class GradedTest:
    exercise: str
    nodeid: str
    phase: str  # "correctness" or "speed"
    status: str = "failed"
    message: str = ""
    score: float = 0.0
    max_score: float = 0.0
    properties: dict = field(default_factory=dict)
    seconds: float = 0.0  # the judge's time in this test (pytest's duration)

    @property
    def name(self) -> str:
        return self.nodeid.split("::", 1)[-1]


def status_of(record: dict) -> str:
    """The status of one reported test."""
    if "course_error" in record.get("properties", {}):
        return "error"
    outcome = record.get("outcome")
    if outcome == "passed":
        return "passed"
    if outcome == "skipped":
        return "not_gradable"
    if outcome == "error":
        return "error"
    call = record.get("properties", {}).get("call")
    if isinstance(call, dict):
        if call.get("status") in CALL_STATUSES:
            return CALL_STATUSES[call["status"]]
        if call.get("status") == "raised" and call.get("error_type") in LIMIT_ERRORS:
            return "crashed"
    message = record.get("message", "")
    for phrase, status in PHRASES:
        if phrase in message:
            return status
    return "failed"


def phase_points(exercise: Exercise) -> dict[str, float]:
    if exercise.kind == "speed":
        return {"correctness": EXERCISE_POINTS * (1 - SPEED_SHARE),
                "speed": EXERCISE_POINTS * SPEED_SHARE}
    return {"correctness": EXERCISE_POINTS, "speed": 0.0}


def speed_fraction(speedup: float | None, threshold: float | None) -> float:
    """1 at or above the threshold, 0 at or below 1.15×, linear in between."""
    if speedup is None or threshold is None:
        return 0.0
    if speedup >= threshold:
        return 1.0
    if speedup <= NOISE_BAND or threshold <= NOISE_BAND:
        return 0.0
    return (speedup - NOISE_BAND) / (threshold - NOISE_BAND)


def score_exercise(exercise: Exercise, tests: list[GradedTest]) -> None:
    """Share each phase's points among its tests; speed credit needs every correctness test."""
    points = phase_points(exercise)
    by_phase = {phase: [t for t in tests if t.phase == phase] for phase in points}
    if not by_phase["speed"]:  # an exercise with no speed test: all points for correctness
        points = {"correctness": EXERCISE_POINTS, "speed": 0.0}
    correct = bool(by_phase["correctness"]) and all(
        t.status == "passed" for t in by_phase["correctness"])
    for phase, phase_tests in by_phase.items():
        for test in phase_tests:
            test.max_score = points[phase] / len(phase_tests)
            test.score = test.max_score * _credit(test, correct)


def _credit(test: GradedTest, correct: bool) -> float:
    if test.phase == "correctness":
        return 1.0 if test.status == "passed" else 0.0
    if not correct:
        return 0.0
    if test.status == "passed":
        return 1.0
    speed = test.properties.get("speed") or {}
    if speed.get("proof_failed"):  # fast but on one core (a faster algorithm): not parallel
        return 0.0
    if test.status == "failed" and speed.get("speedup") is not None:
        return speed_fraction(speed["speedup"], speed.get("threshold"))
    return 0.0

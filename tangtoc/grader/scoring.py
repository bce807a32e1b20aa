"""Scoring (DESIGN.md §5): a status per test, points per exercise, speed credit only when correct.

Statuses (tangtoc.records.TEST_STATUSES): passed, failed, timeout, crashed, error (did not
import / the judge could not run), not_gradable (e.g. one usable core). Each record of the
judge's stream (judge_plugin) carries the status the course's plugin observed; a test that
never reported gets the status of how its run ended, never "passed" (fail closed).
"""

from dataclasses import dataclass, field

from tangtoc.catalog import Exercise
from tangtoc.records import Status
from tangtoc.verdict import NOISE_BAND, parallel_work_shown

EXERCISE_POINTS = 10.0
SPEED_SHARE = 0.4  # of a speed exercise's points; the rest is for correct results



@dataclass
class GradedTest:
    exercise: str
    nodeid: str
    phase: str  # "correctness" or "speed"
    status: Status = Status.FAILED
    message: str = ""
    score: float = 0.0
    max_score: float = 0.0
    properties: dict = field(default_factory=dict)
    seconds: float = 0.0  # the judge's time in this test (pytest's duration)

    @property
    def name(self) -> str:
        return self.nodeid.split("::", 1)[-1]


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
        t.status == Status.PASSED for t in by_phase["correctness"])
    for phase, phase_tests in by_phase.items():
        for test in phase_tests:
            test.max_score = points[phase] / len(phase_tests)
            test.score = test.max_score * _credit(test, correct)


def _credit(test: GradedTest, correct: bool) -> float:
    if test.phase == "correctness":
        return 1.0 if test.status == Status.PASSED else 0.0
    if not correct:
        return 0.0
    if test.status == Status.PASSED:
        return 1.0
    speed = test.properties.get("speed") or {}
    if speed.get("proof_failed"):  # fast but on one core (a faster algorithm): not parallel
        return 0.0
    if test.status == Status.FAILED and speed.get("speedup") is not None \
            and parallel_work_shown(speed):
        return speed_fraction(speed["speedup"], speed.get("threshold"))
    return 0.0


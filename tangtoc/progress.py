"""The student's progress (check results, hints shown), kept in .tangtoc/ of the course folder.

Statuses: "passed" (✔), "failed" (✘), "untimed" (⚠: correct, but this machine could not time
it). An untimed exercise never counts as passed, but the course moves on from it: nothing the
student does on this machine can turn it into a pass. An exercise this Python cannot run
(catalog `python`, e.g. "3.14") is shown as "–" and skipped; nothing is recorded for it.
"""

import contextlib
import json
import os
import tempfile

from tangtoc import catalog, paths
from tangtoc.records import Status

PROGRESS_FILE = paths.STATE / "progress.json"
STATUS_MARKS = {Status.PASSED: "✔", Status.FAILED: "✘", Status.UNTIMED: "⚠",
                Status.UNAVAILABLE: "–"}
UNCHECKED_MARK = "·"
MOVED_ON = (Status.PASSED, Status.UNTIMED, Status.UNAVAILABLE)  # then the course moves on


def load() -> dict:
    try:
        return json.loads(PROGRESS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(progress: dict) -> None:
    """Write atomically: `watch` and `check` may run at once, and a crash must not corrupt it."""
    PROGRESS_FILE.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=PROGRESS_FILE.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(progress, stream, ensure_ascii=False, indent=1)
        os.replace(temporary, PROGRESS_FILE)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def checks() -> dict[str, str]:
    return load().get("checks", {})


def record_check(exercise_id: str, status: str | None) -> None:
    """Remember the last check of the student's own file (None forgets it)."""
    if status == Status.UNAVAILABLE:  # says something about this Python, not about the work
        return
    progress = load()
    recorded = progress.setdefault("checks", {})
    if status is None:
        recorded.pop(exercise_id, None)
    else:
        recorded[exercise_id] = status
    save(progress)


def mark(exercise: catalog.Exercise) -> str:
    if not exercise.available:
        return STATUS_MARKS[Status.UNAVAILABLE]
    return STATUS_MARKS.get(checks().get(exercise.id), UNCHECKED_MARK)


def next_hint_number(exercise_id: str, available: int) -> int:
    """1-based number of the hint to show now; remembers it, stays on the last one."""
    progress = load()
    shown = progress.setdefault("hints", {}).get(exercise_id, 0)
    number = min(shown + 1, available)
    progress["hints"][exercise_id] = number
    save(progress)
    return number


def pending() -> list[catalog.Exercise]:
    """Exercises the course has not moved on from yet, in course order."""
    recorded = checks()
    return [e for e in catalog.exercises()
            if e.available and recorded.get(e.id) not in MOVED_ON]


def current_exercise() -> catalog.Exercise:
    """The first exercise not done yet (rustlings' idea of 'the current exercise')."""
    return (pending() or catalog.exercises())[0]


def next_exercise_after(exercise: catalog.Exercise) -> catalog.Exercise | None:
    """The first exercise after this one not done yet, else the first one before it."""
    order = [e.id for e in catalog.exercises()]
    left = [e for e in pending() if e.id != exercise.id]
    later = [e for e in left if order.index(e.id) > order.index(exercise.id)]
    return (later or left or [None])[0]


def quiz_scores() -> dict[str, dict[str, int]]:
    """Per quiz (page name): the last score, its number of questions and the best score."""
    return load().get("quizzes", {})


def record_quiz(name: str, score: int, total: int) -> None:
    progress = load()
    recorded = progress.setdefault("quizzes", {})
    best = max(score, recorded.get(name, {}).get("best", 0))
    recorded[name] = {"score": score, "total": total, "best": best}
    save(progress)

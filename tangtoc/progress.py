"""The student's progress (check results, hints shown), kept in .tangtoc/ of the course folder."""

import json

from tangtoc import paths

PROGRESS_FILE = paths.STATE / "progress.json"


def load() -> dict:
    try:
        return json.loads(PROGRESS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(progress: dict) -> None:
    PROGRESS_FILE.parent.mkdir(parents=True, exist_ok=True)
    PROGRESS_FILE.write_text(json.dumps(progress, ensure_ascii=False, indent=1), encoding="utf-8")


def record_check(exercise_id: str, status: str) -> None:
    progress = load()
    progress.setdefault("checks", {})[exercise_id] = status
    save(progress)


def next_hint_number(exercise_id: str, available: int) -> int:
    """1-based number of the hint to show now; remembers it, stays on the last one."""
    progress = load()
    shown = progress.setdefault("hints", {}).get(exercise_id, 0)
    number = min(shown + 1, available)
    progress["hints"][exercise_id] = number
    save(progress)
    return number

"""Where the course folders are.

The course is installed in editable mode from its repository, so the folders sit next to the
package. TANGTOC_ROOT overrides this (the grader points it at a private copy), and
TANGTOC_STATE moves the student's progress file (the CLI tests use a temporary one).
"""

import os
from pathlib import Path

ROOT = Path(os.environ.get("TANGTOC_ROOT") or Path(__file__).resolve().parent.parent)
LESSONS = ROOT / "lessons"
SOLUTIONS = ROOT / "solutions"
TESTS = ROOT / "tests"
DOCS = ROOT / "docs"
STATE = Path(os.environ.get("TANGTOC_STATE") or ROOT / ".tangtoc")  # progress, hints shown

NAMED_TARGETS = {"lessons": LESSONS, "solutions": SOLUTIONS}


def resolve_target(name: str) -> Path:
    """Map 'lessons', 'solutions' or a folder path to an existing folder of exercise modules."""
    path = NAMED_TARGETS.get(name, Path(name)).resolve()
    if not path.is_dir():
        raise FileNotFoundError(f"Không tìm thấy thư mục bài làm: {path}")
    return path

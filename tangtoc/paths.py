"""Where the course folders are.

The course folder (lessons/, tests/, solutions/, docs/) is found, in this order:
1. TANGTOC_ROOT, when set (the grader points it at a private copy; a student may set it too);
2. the folder that holds this package, when it is a course (an editable install, the usual way);
3. the current folder or its nearest parent that is a course (a non-editable install, e.g.
   `pip install .` or a wheel: `tangtoc` is then run from inside the course's clone).
Otherwise the package's parent stays the root, and commands that need the course say so.
TANGTOC_STATE moves the student's progress file (the CLI tests use a temporary one).
"""

import os
from pathlib import Path

PACKAGE_PARENT = Path(__file__).resolve().parent.parent
# The top-level parts of a course checkout, by what they are for. Every copy of the course (the
# Gradescope bundle, a class template, the tests' fresh course, a wheel) is made from these.
PACKAGE_PARTS = ("pyproject.toml", "README.md", "tangtoc")  # what installs `tangtoc`
EXERCISE_PARTS = ("lessons", "solutions", "tests")  # stubs, reference solutions, tests
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "measurements")  # what builds the site


def is_course(folder: Path) -> bool:
    """A course folder: the exercise stubs and the catalog beside them."""
    return (folder / "lessons").is_dir() and (folder / "tangtoc" / "catalog.toml").is_file()


def find_root() -> Path:
    if os.environ.get("TANGTOC_ROOT"):
        return Path(os.environ["TANGTOC_ROOT"])
    if is_course(PACKAGE_PARENT):
        return PACKAGE_PARENT
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if is_course(folder)),
                PACKAGE_PARENT)


ROOT = find_root()
LESSONS = ROOT / "lessons"
# The tests, as paths inside any course folder (copies of the course keep the same layout).
GRADED_PART = "tests/graded"  # the graded tests and the helpers they load: what graders copy
PROJECT_TESTS_PART = "tests/project"  # the project's own tests, with the cheats and fixtures
GRADED = ROOT / GRADED_PART
PROJECT_TESTS = ROOT / PROJECT_TESTS_PART
# Our reference folder: the judge's sequential baselines and expected results come from it.
# A class template (tangtoc.grader.template) ships no solutions/; there tests/graded/baseline/
# (the untouched stubs, whose given parts are the baselines, and the reference programs'
# recorded output) stands in for it. HAS_SOLUTIONS says whether the real answers are here.
SOLUTIONS = ROOT / "solutions"
BASELINE = GRADED / "baseline"
HAS_SOLUTIONS = SOLUTIONS.is_dir() or not BASELINE.is_dir()
if not HAS_SOLUTIONS:
    SOLUTIONS = BASELINE
DOCS = ROOT / "docs"
STATE = Path(os.environ.get("TANGTOC_STATE") or ROOT / ".tangtoc")  # progress, hints shown

NAMED_TARGETS = {"lessons": LESSONS, "solutions": SOLUTIONS}


def resolve_target(name: str) -> Path:
    """Map 'lessons', 'solutions' or a folder path to an existing folder of exercise modules."""
    path = NAMED_TARGETS.get(name, Path(name)).resolve()
    if not path.is_dir():
        raise FileNotFoundError(f"Không tìm thấy thư mục bài làm: {path}")
    return path

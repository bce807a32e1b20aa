"""Gradescope: the autograder bundle and what its run_autograder runs.

`tangtoc grade-bundle` writes a zip holding setup.sh, run_autograder and a copy of the course
(package, tests, solutions, stubs). Gradescope unpacks it in /autograder/source, runs setup.sh
once (a virtual environment with the course installed), then run_autograder per submission:
`python -m tangtoc.grader.gradescope` grades /autograder/submission with the same code as
`tangtoc grade` and copies the student's results.json to /autograder/results/results.json.
TANGTOC_AUTOGRADER_ROOT replaces /autograder (the project's tests run the bundle this way).
"""

import argparse
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from tangtoc import paths
from tangtoc.grader.batch import Options, grade
from tangtoc.grader.intake import student_id
from tangtoc.grader.sandbox import Limits

ROOT_VARIABLE = "TANGTOC_AUTOGRADER_ROOT"
COURSE_PARTS = ("pyproject.toml", "README.md", "tangtoc", "tests", "solutions", "lessons")
SKIPPED = ("__pycache__", "*.pyc", ".pytest_cache", "*.egg-info")

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image. Debian/Ubuntu ship venv
# without ensurepip unless python3-venv is installed.
set -euo pipefail
ROOT="${TANGTOC_AUTOGRADER_ROOT:-/autograder}"
NEEDS='import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))'
if ! python3 -c "$NEEDS" 2>/dev/null; then
  apt-get update && apt-get install -y python3 python3-venv python3-pip
fi
python3 -m venv "$ROOT/venv"
"$ROOT/venv/bin/pip" install --upgrade pip
"$ROOT/venv/bin/pip" install -e "$ROOT/source/course"
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission; it always leaves a results.json behind.
set -uo pipefail
ROOT="${{TANGTOC_AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{TANGTOC_AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}}"
COURSE="$ROOT/source/course"
export PYTHONPATH="$COURSE" TANGTOC_ROOT="$COURSE"
exec "$PYTHON" -m tangtoc.grader.gradescope --root "$ROOT" {arguments}
"""


def build_bundle(destination: Path, exercises: tuple[str, ...] = (),
                 timeout: float = Limits.timeout) -> Path:
    """Write the autograder zip; return its path."""
    arguments = f"--timeout {timeout:g}" + "".join(f" --exercise {e}" for e in exercises)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, \
            zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as bundle:
        course = Path(scratch) / "course"
        course.mkdir()
        for part in COURSE_PARTS:
            source = paths.ROOT / part
            if source.is_dir():
                shutil.copytree(source, course / part, ignore=shutil.ignore_patterns(*SKIPPED))
            elif source.is_file():
                shutil.copyfile(source, course / part)
        for path in sorted(course.rglob("*")):
            if path.is_file():
                bundle.write(path, f"course/{path.relative_to(course)}")
        _add_script(bundle, "setup.sh", SETUP_SH)
        _add_script(bundle, "run_autograder", RUN_AUTOGRADER.format(arguments=arguments))
    return destination


def _add_script(bundle: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o100755 << 16  # executable once unpacked
    bundle.writestr(info, text)


def student_name(root: Path) -> str:
    """The student's id from Gradescope's submission_metadata.json, if it says."""
    try:
        metadata = json.loads((root / "submission_metadata.json").read_text(encoding="utf-8"))
        user = metadata["users"][0]
        name = user.get("email", "").split("@")[0] or user.get("name", "")
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        name = ""
    return student_id(Path(name)) if name else "submission"


def run(root: Path, timeout: float, exercises: tuple[str, ...]) -> None:
    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    student = student_name(root)
    with tempfile.TemporaryDirectory(prefix="tangtoc-gradescope-") as scratch:
        out = Path(scratch) / "out"
        try:
            grade(Options(root / "submission", out, single=student, exercises=exercises,
                          limits=Limits(timeout=timeout)))
            shutil.copyfile(out / student / "results.json", results)
        except Exception as error:  # never leave Gradescope without a result
            results.write_text(json.dumps({
                "score": 0, "execution_time": 0, "tests": [], "visibility": "visible",
                "output": f"Lỗi của bộ chấm (không phải lỗi của bài làm): {error}. Hãy báo "
                          "giáo viên.",
            }, ensure_ascii=False), encoding="utf-8")
            raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tangtoc.grader.gradescope")
    parser.add_argument("--root", type=Path, default=Path("/autograder"))
    parser.add_argument("--timeout", type=float, default=Limits.timeout)
    parser.add_argument("--exercise", action="append", default=[])
    args = parser.parse_args(argv)
    run(args.root, args.timeout, tuple(args.exercise))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Gradescope: the autograder bundle and what its run_autograder runs.

`tangtoc grade-bundle` writes a zip holding setup.sh, run_autograder, requirements-grader.txt
(the `grader` extra) and a copy of the course (package, graded tests, solutions, stubs).
Gradescope unpacks it in /autograder/source and runs setup.sh once, as root, on its base image
(Ubuntu 22.04 with Python 3.10 by default): bubblewrap and util-linux for the sandbox, a virtual
environment with the package (no dependencies) and the grader extra; the site stack stays out.
Then run_autograder per submission: `python -m tangtoc.grader.gradescope` grades
/autograder/submission with the same code as `tangtoc grade` and writes
/autograder/results/results.json.

Student code never runs as root: where bubblewrap can make a sandbox, the grader runs every
call in one as an unprivileged uid (tangtoc.bubblewrap); where the container forbids it, the
whole grading run is started as an unprivileged uid instead (weaker: no private view of the
files), and the output says so. The results follow Gradescope's specification
(gradescope/autograder_samples, docs/specs.md and docs/leaderboards.md): top-level `output`
with `output_format: "md"` (our Vietnamese feedback), per-test `number` and `tags`, and a
`leaderboard` of measured speed-ups. TANGTOC_AUTOGRADER_ROOT replaces /autograder (the
project's tests run the bundle in a temporary folder this way).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from tangtoc import bubblewrap, catalog, paths, processes
from tangtoc.grader.batch import Options, grade
from tangtoc.grader.engines import copy_part, grader_requirements
from tangtoc.grader.intake import student_id
from tangtoc.grader.sandbox import Limits

ROOT_VARIABLE = "TANGTOC_AUTOGRADER_ROOT"
# The package, the stubs and our baselines; of tests/, only tests/graded/ (the graded tests and
# their helpers).
COURSE_PARTS = (*paths.PACKAGE_PARTS, *(p for p in paths.EXERCISE_PARTS if p != "tests"),
                paths.GRADED_PART)
REQUIREMENTS = "requirements-grader.txt"
FALLBACK_UID = 60999  # the whole run's uid where no sandbox can be made (below bubblewrap's)
MIN_CORES = 2

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image. Only what grading
# needs: Python >= 3.10 with venv, bubblewrap and util-linux (setpriv, prlimit) for the sandbox,
# then a virtual environment with the course package and its grader extra.
set -euo pipefail
ROOT="${TANGTOC_AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
missing=()
python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null \\
  || missing+=(python3 python3-venv python3-pip)
command -v bwrap >/dev/null || missing+=(bubblewrap)
{ command -v setpriv && command -v prlimit; } >/dev/null || missing+=(util-linux)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
python3 -m venv "$ROOT/venv"
# A plain install: run_autograder says where the course is (TANGTOC_ROOT), and the grader
# passes it on to its judges.
"$ROOT/venv/bin/pip" install --no-deps "$SOURCE/course"
"$ROOT/venv/bin/pip" install -r "$SOURCE/requirements-grader.txt"
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission, as root; it always leaves a results.json behind.
set -uo pipefail
ROOT="${{TANGTOC_AUTOGRADER_ROOT:-/autograder}}"
export TANGTOC_ROOT="$ROOT/source/course"
exec "$ROOT/venv/bin/python" -m tangtoc.grader.gradescope --root "$ROOT" {arguments}
"""


def build_bundle(destination: Path, exercises: tuple[str, ...] = (),
                 timeout: float = Limits.timeout) -> Path:
    """Write the autograder zip; return its path."""
    arguments = f"--timeout {timeout:g}" + "".join(f" --exercise {e}" for e in exercises)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, \
            zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as bundle:
        course = Path(scratch) / "course"
        for part in COURSE_PARTS:
            copy_part(paths.ROOT / part, course / part)
        for path in sorted(course.rglob("*")):
            if path.is_file():
                bundle.write(path, f"course/{path.relative_to(course)}")
        _add_file(bundle, REQUIREMENTS, "".join(f"{r}\n" for r in grader_requirements()))
        _add_file(bundle, "setup.sh", SETUP_SH, 0o755)
        _add_file(bundle, "run_autograder", RUN_AUTOGRADER.format(arguments=arguments), 0o755)
    return destination


def _add_file(bundle: zipfile.ZipFile, name: str, text: str, mode: int = 0o644) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = (0o100000 | mode) << 16  # the mode unzip gives it
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
    try:
        with tempfile.TemporaryDirectory(prefix="tangtoc-gradescope-") as scratch:
            folder, notes = _grade(root / "submission", Path(scratch), student, timeout,
                                   exercises)
            data = for_gradescope(
                json.loads((folder / "results.json").read_text(encoding="utf-8")),
                (folder / "feedback.md").read_text(encoding="utf-8"), notes)
        results.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8",
                           errors="backslashreplace")
    except Exception as error:  # never leave Gradescope without a result
        results.write_text(json.dumps({
            "score": 0, "execution_time": 0, "tests": [], "visibility": "visible",
            "output": f"Lỗi của bộ chấm (không phải lỗi của bài làm): {error}. Hãy báo "
                      "giáo viên.",
        }, ensure_ascii=False), encoding="utf-8")
        raise


def _grade(submission: Path, scratch: Path, student: str, timeout: float,
           exercises: tuple[str, ...]) -> tuple[Path, list[str]]:
    """Grade the submission into scratch; return the student's report folder and notes."""
    out = scratch / "out"
    reason = bubblewrap.unavailable_reason()
    if not reason:  # every call in its own sandbox, as an unprivileged uid
        grade(Options(submission, out, single=student, exercises=exercises,
                      limits=Limits(timeout=timeout)))
        return out / student, []
    _grade_unprivileged(submission, scratch, student, timeout, exercises)
    return out / student, [
        f"Máy chấm này không dựng được hộp cát bubblewrap ({reason}): bài được chấm bằng một "
        f"người dùng không có quyền quản trị (uid {FALLBACK_UID}) nhưng không được cách ly "
        "đầy đủ."]


def _grade_unprivileged(submission: Path, scratch: Path, student: str, timeout: float,
                        exercises: tuple[str, ...]) -> None:
    """The whole grading run as FALLBACK_UID, in a scratch folder of its own; afterwards every
    process of that uid is killed before we read what it wrote."""
    scratch.chmod(0o755)
    shutil.copytree(submission, scratch / "submission")
    (scratch / "home").mkdir()
    for path in (scratch, *scratch.rglob("*")):
        os.chown(path, FALLBACK_UID, FALLBACK_UID)
    command = [shutil.which("setpriv") or "setpriv", f"--reuid={FALLBACK_UID}",
               f"--regid={FALLBACK_UID}", "--clear-groups", "--inh-caps=-all",
               "--bounding-set=-all", "--no-new-privs", "--",
               sys.executable, "-m", "tangtoc.grader.cli", "grade", str(scratch / "submission"),
               "--single", student, "--out", str(scratch / "out"), "--timeout", f"{timeout:g}",
               "--khong-cach-ly", *(["--exercise", *exercises] if exercises else [])]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(scratch / "home"),
           "LANG": "C.UTF-8", "TANGTOC_ROOT": str(paths.ROOT)}
    try:
        finished = subprocess.run(command, env=env, cwd=scratch, capture_output=True, text=True,
                                  timeout=24 * 3600)
    finally:
        _kill_uid(FALLBACK_UID)
    if finished.returncode != 0:
        raise RuntimeError(f"lần chấm bằng uid {FALLBACK_UID} dừng với mã {finished.returncode}"
                           f": {(finished.stdout + finished.stderr)[-2000:]}")


def _kill_uid(uid: int) -> None:
    for _ in range(50):
        alive = processes.owned_by(uid)
        if not alive:
            return
        processes.kill(alive)
        time.sleep(0.05)


def for_gradescope(results: dict, feedback: str, notes: list[str]) -> dict:
    """Our results.json with Gradescope's extras: the Vietnamese feedback as Markdown output,
    a number and tags per test, a speed-up leaderboard, and a warning when the machine had too
    few cores to time anything."""
    order = {e.id: number for number, e in enumerate(catalog.exercises(), start=1)}
    counts: dict[str, int] = {}
    speedups: dict[str, float] = {}
    for test in results["tests"]:
        exercise, phase = test["extra_data"]["exercise"], test["extra_data"]["phase"]
        counts[exercise] = counts.get(exercise, 0) + 1
        test["number"] = f"{order.get(exercise, 0)}.{counts[exercise]}"
        test["tags"] = [exercise, phase]
        if phase == "speed":
            measured = (test["extra_data"].get("speed") or {}).get("speedup") or 0.0
            passed = test["extra_data"]["status"] == "passed"
            speedups[exercise] = max(speedups.get(exercise, 0.0), measured if passed else 0.0)
    cores = results.get("extra_data", {}).get("machine", {}).get("cores", MIN_CORES)
    warnings = [*notes, *([few_cores_warning(cores)] if speedups and cores < MIN_CORES else [])]
    results["output"] = "".join(f"> ⚠ {w}\n\n" for w in warnings) + feedback
    results["output_format"] = "md"
    results["leaderboard"] = [{"name": f"{exercise}: tăng tốc (×)", "value": round(value, 2),
                               "order": "desc"} for exercise, value in speedups.items()]
    return results


def few_cores_warning(cores: int) -> str:
    return (f"Máy chấm chỉ có {cores} lõi dùng được nên phần tốc độ không chấm được (không "
            "tính điểm, không phải lỗi của bài làm). Giáo viên: trong phần cài đặt bài tập trên "
            "Gradescope, mục Autograder Settings, hãy chọn ít nhất 2 CPU (và đủ bộ nhớ), rồi "
            "chấm lại (Regrade All Submissions).")


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

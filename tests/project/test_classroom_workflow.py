"""The GitHub Classroom workflow, run here the way GitHub runs it: a fresh clone of the class
template (no solutions in it), the `run:` install step, then every command-grader step's
`command` as the command grader runs it, and the reporter's reading of the results. Ports of
the two actions' code cite their sources (classroom-resources/autograding-command-grader and
autograding-grading-reporter, tag v1)."""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from cli_support import git_in

from tangtoc import catalog, paths
from tangtoc.grader import classroom

pytestmark = pytest.mark.xdist_group("classroom")  # one worker builds the module's fixture
EXERCISES = ("bai01_amdahl", "bai08_thieu_main")  # quick ones: a function and a whole program
TIMEOUT = 20
# Grading needs no network: where we may, the commands run in a network namespace of their own.
OFFLINE = ["unshare", "--net", "--"] if os.geteuid() == 0 and shutil.which("unshare") else []


def _template(folder: Path) -> Path:
    """The class template as `tangtoc grade-bundle --template` writes it."""
    subprocess.run([str(Path(sys.executable).with_name("tangtoc")), "grade-bundle",
                    "--template", str(folder), "--exercise", *EXERCISES, "--timeout",
                    str(TIMEOUT)], check=True, capture_output=True, timeout=300)
    return folder


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """A fresh clone of the class template, after its workflow's `run:` steps."""
    scratch = tmp_path_factory.mktemp("classroom")
    origin = _template(scratch / "origin")
    git_in(origin, "init", "-q")
    git_in(origin, "add", ".")
    git_in(origin, "commit", "-q", "-m", "Kho mẫu")
    clone = scratch / "checkout"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, timeout=120)
    tools = Path(sys.base_prefix) / "bin"  # like actions/setup-python: an interpreter's bin
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TANGTOC_", "PYTEST_", "VIRTUAL_ENV"))}
    env["PATH"] = f"{tools}{os.pathsep}{env['PATH']}"
    for step in _steps(clone):
        if "run" in step:  # GitHub runs a `run:` step with `bash -e {0}` on Linux
            subprocess.run(["bash", "-e", "-c", step["run"]], cwd=clone, env=env, check=True,
                           capture_output=True, timeout=900)
    return clone


def _steps(clone: Path) -> list[dict]:
    workflow = yaml.safe_load((clone / ".github" / "workflows" / "classroom.yml").read_text(
        encoding="utf-8"))
    return workflow["jobs"]["run-autograding-tests"]["steps"]


def command_grader(step: dict, cwd: Path) -> tuple[str, str]:
    """Port of autograding-command-grader src/main.js: execSync(command) through /bin/sh with
    only PATH, HOME and three constant variables, the step's timeout in minutes; returns the
    step output `result` (base64 of the JSON of generateResult) and what the command printed."""
    inputs = step["with"]
    env = {"PATH": os.environ["PATH"], "FORCE_COLOR": "true", "DOTNET_CLI_HOME": "/tmp",
           "DOTNET_NOLOGO": "true", "HOME": os.environ.get("HOME", "/root")}
    max_score = int(inputs.get("max-score") or 0)  # parseInt
    started = time.monotonic()
    try:
        finished = subprocess.run([*OFFLINE, "/bin/sh", "-c", inputs["command"]], cwd=cwd, env=env,
                                  capture_output=True, text=True,
                                  timeout=float(inputs.get("timeout") or 10) * 60)
        status = "pass" if finished.returncode == 0 else "fail"
        message = "" if status == "pass" else "failed with exit code 1"
        printed = finished.stdout + finished.stderr
    except subprocess.TimeoutExpired:
        status, message, printed = "error", "Command timed out", ""
    result = {"version": 1, "status": status, "max_score": max_score, "tests": [{
        "name": inputs["test-name"], "status": status,
        "score": max_score if status == "pass" else 0, "message": message,
        "test_code": inputs["command"], "filename": "", "line_no": 0,
        "duration": round((time.monotonic() - started) * 1000)}]}
    return base64.b64encode(json.dumps(result).encode()).decode(), printed


def reporter(step: dict, outputs: dict[str, str]) -> tuple[float, float, bool]:
    """Port of autograding-grading-reporter src/main.js and helpers/test-helpers.js: for each
    runner, the environment variable `<RUNNER>_RESULTS` (upper-cased) holds base64 JSON; a
    runner's score is (passed tests / tests) × max_score. Returns (points, max points, failed)."""
    runners = step["with"]["runners"]
    assert re.fullmatch(r"([a-zA-Z0-9]+,)*[a-zA-Z0-9]+", runners)  # the reporter's own check
    env = {name: re.sub(r"\$\{\{\s*steps\.(\w+)\.outputs\.result\s*\}\}",
                        lambda m: outputs[m.group(1)], value)
           for name, value in step["env"].items()}
    points = maximum = 0.0
    failed = False
    for runner in runners.split(","):
        results = json.loads(base64.b64decode(env[f"{runner.strip().upper()}_RESULTS"]))
        passed = sum(test["status"] == "pass" for test in results["tests"])
        points += passed / len(results["tests"]) * (results["max_score"] or 0)
        maximum += results["max_score"]
        failed = failed or results["status"] in ("fail", "error")
    return points, maximum, failed


def _grade(checkout: Path) -> tuple[tuple[float, float, bool], dict[str, str]]:
    outputs, printed = {}, {}
    steps = _steps(checkout)
    for step in steps:
        if step.get("uses") == classroom.COMMAND_GRADER:
            outputs[step["id"]], printed[step["with"]["test-name"]] = command_grader(
                step, checkout)
    return reporter(steps[-1], outputs), printed


def test_a_correct_student_gets_every_point_and_a_wrong_one_none(checkout):
    for exercise in EXERCISES:
        shutil.copyfile(paths.LESSONS / f"{exercise}.py", checkout / "lessons" / f"{exercise}.py")
    (points, maximum, failed), printed = _grade(checkout)
    assert (points, maximum, failed) == (0, 10 * len(EXERCISES), True), printed
    for exercise in EXERCISES:  # the student reads why in the step's log
        assert f"# Kết quả chấm bài: {classroom.STUDENT}" in printed[exercise]
        assert f"## {exercise}: " in printed[exercise] and "(0.00/10 điểm)" in printed[exercise]
    for exercise in EXERCISES:
        shutil.copyfile(paths.SOLUTIONS / f"{exercise}.py",
                        checkout / "lessons" / f"{exercise}.py")
    (points, maximum, failed), printed = _grade(checkout)
    assert (points, maximum, failed) == (maximum, 10 * len(EXERCISES), False), printed


def test_the_template_ships_no_answer_but_everything_else_a_student_uses(checkout):
    origin = checkout.parent / "origin"  # the template as committed (the clone gets graded)
    tracked = [origin / name for name in git_in(origin, "ls-files").splitlines()]
    assert not [path for path in tracked if "solutions" in path.relative_to(origin).parts]
    texts = [path.read_text(encoding="utf-8") for path in tracked if path.suffix == ".py"]
    for exercise in catalog.exercises():
        answer = (paths.SOLUTIONS / exercise.file_name).read_text(encoding="utf-8")
        assert answer == (paths.LESSONS / exercise.file_name).read_text(encoding="utf-8") or \
            not any(answer in text for text in texts), exercise.id
        assert (origin / "tests" / "graded" / exercise.test_file).is_file()
        assert (origin / "tests" / "graded" / "baseline" / exercise.file_name).is_file()
    site = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "--site-dir", str(checkout.parent / "site")], cwd=origin,
                          capture_output=True, text=True, timeout=600)
    assert site.returncode == 0, site.stdout + site.stderr

"""GitHub Classroom: a workflow that grades the student's repository with `tangtoc grade`.

The student works in a copy of the assignment's template repository (`tangtoc grade-bundle
--template`). On each push the workflow installs the grader (the package without its site
stack, then the `grader` extra) and runs one step per exercise through GitHub Classroom's
command grader: `tangtoc grade lessons --single bai_lam --exercise ID --require-full`, so the
exercise's points are earned when the same grading code as `tangtoc grade` gives full marks.

Checked against the engines' own sources (classroom-resources, tag v1):
- autograding-command-grader src/main.js runs `command` with execSync (so /bin/sh), in the
  checkout, with an environment of PATH, HOME, FORCE_COLOR, DOTNET_CLI_HOME and DOTNET_NOLOGO
  only (no RUNNER_TEMP, no GITHUB_*): paths must be relative to the checkout. A zero exit code
  passes; `max-score` is read with parseInt (whole points only); `timeout` is in minutes. Its
  `result` output is base64 of JSON {version, status, max_score, tests: [{name, status, score,
  message, test_code, filename, line_no, duration}]}.
- autograding-grading-reporter src/main.js reads each runner's result from the environment
  variable `<STEP ID upper-cased>_RESULTS` and accepts `runners` matching
  ^([a-zA-Z0-9]+,)*[a-zA-Z0-9]+$ (so step ids here are letters and digits only).
"""

import json
import math

from tangtoc.catalog import Exercise
from tangtoc.grader.engines import grader_requirements
from tangtoc.grader.judging import wall_seconds

CHECKOUT = "actions/checkout@v7"  # node24 (checkout's action.yml); v4 ran on the retired node20
SETUP_PYTHON = "actions/setup-python@v7"
COMMAND_GRADER = "classroom-resources/autograding-command-grader@v1"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"
PYTHON = "3.12"
STUDENT = "bai_lam"  # the student id the reports carry
OUT = ".tangtoc/cham"  # relative to the checkout: the command grader has no RUNNER_TEMP
SETUP_SECONDS = 120  # the judge's start-up and test collection, on top of both phases

HEADER = """\
# Tạo bởi «tangtoc grade-bundle»: chấm bài tự động cho GitHub Classroom.
# Kho mẫu tạo bởi «tangtoc grade-bundle --template» đã có sẵn tệp này ở
# .github/workflows/classroom.yml; với kho mẫu khác, chép tệp này vào đúng chỗ đó.
name: Autograding Tests
on: [push, workflow_dispatch, repository_dispatch]
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    steps:
      - name: Lấy mã bài làm
        uses: {checkout}
      - uses: {setup_python}
        with:
          python-version: "{python}"
      - name: Cài bộ chấm (không cài phần dựng trang web)
        run: |
          python3 -m venv .venv
          .venv/bin/pip install --no-deps -e .
          .venv/bin/pip install {requirements}
"""

STEP = """\
      - name: {name}
        id: {step}
        uses: {grader}
        with:
          test-name: {name}
          command: {command}
          timeout: {minutes}
          max-score: {points}
"""

REPORT = """\
      - name: Autograding Reporter
        uses: {reporter}
        env:
{env}
        with:
          runners: {runners}
"""


def quoted(requirements: list[str]) -> str:
    """Requirements as double-quoted shell words (they hold spaces, quotes and < >)."""
    if any(c in r for r in requirements for c in '"$`\\'):
        raise ValueError(f"a requirement the workflow cannot quote: {requirements}")
    return " ".join(f'"{r}"' for r in requirements)


def step_id(exercise: Exercise) -> str:
    """The step id: letters and digits only, as the reporter's `runners` check wants."""
    return "".join(c for c in exercise.id if c.isalnum())


def command(exercise: Exercise, timeout: float) -> str:
    """The shell command of one exercise: grade it, show the student the feedback, and exit
    with the grader's code (0 only at full marks). Without the sandbox: the repository, its
    workflow and the runner are the student's own (they could change the command itself), so
    bubblewrap would protect nothing here; a teacher who needs trusted marks grades the
    repositories again with `tangtoc grade`, which isolates every call."""
    out = f"{OUT}/{exercise.id}"
    return (f".venv/bin/tangtoc grade lessons --single {STUDENT} --out {out} "
            f"--exercise {exercise.id} --timeout {timeout:g} --require-full --khong-cach-ly; "
            f"code=$?; "
            f"cat {out}/{STUDENT}/feedback.md 2>/dev/null; exit $code")


def minutes(timeout: float) -> int:
    """The command grader's limit for one exercise: both phases at their longest."""
    seconds = wall_seconds("correctness", timeout) + wall_seconds("speed", timeout)
    return math.ceil((seconds + SETUP_SECONDS) / 60)


def gradable(exercises: tuple[Exercise, ...]) -> tuple[Exercise, ...]:
    """The exercises the workflow's Python can run (an optional one may need a newer one)."""
    version = tuple(int(part) for part in PYTHON.split("."))
    return tuple(e for e in exercises
                 if not e.python or tuple(int(p) for p in e.python.split(".")) <= version)


def workflow(exercises: tuple[Exercise, ...], points: float, timeout: float) -> str:
    """The workflow text: one command-grader step per exercise, then the reporter."""
    if points != int(points) or points < 1:
        raise ValueError(f"GitHub Classroom chỉ nhận điểm nguyên dương cho mỗi bài, không phải "
                         f"{points:g}.")
    steps = [step_id(e) for e in exercises]
    if len(set(steps)) != len(steps):
        raise ValueError(f"hai bài tập có cùng mã bước: {steps}")
    header = HEADER.format(checkout=CHECKOUT, setup_python=SETUP_PYTHON, python=PYTHON,
                           requirements=quoted(grader_requirements()))
    body = "".join(STEP.format(name=e.id, step=step, grader=COMMAND_GRADER,
                               command=json.dumps(command(e, timeout)),
                               minutes=minutes(timeout), points=int(points))
                   for e, step in zip(exercises, steps, strict=True))
    env = "\n".join(f'          {step.upper()}_RESULTS: "${{{{steps.{step}.outputs.result}}}}"'
                    for step in steps)
    return header + body + REPORT.format(reporter=REPORTER, env=env, runners=",".join(steps))

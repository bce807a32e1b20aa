"""GitHub Classroom: a workflow that grades the student's repository with `tangtoc grade`.

The student works in a copy of the course repository (the assignment's template). On each push
the workflow installs the course and runs, per exercise, `tangtoc grade lessons --single …
--exercise ID --require-full` through GitHub Classroom's command grader: the exercise's points
are earned when the same grading code as `tangtoc grade` gives it full marks.
"""

from tangtoc.catalog import Exercise

HEADER = """\
# Tạo bởi «tangtoc grade-bundle»: chấm bài tự động cho GitHub Classroom.
# Chép tệp này vào .github/workflows/classroom.yml của kho mẫu (template) của bài tập.
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
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Cài khóa học
        run: python -m venv .venv && .venv/bin/pip install -e .
"""

STEP = """\
      - name: {id}
        id: {step}
        uses: classroom-resources/autograding-command-grader@v1
        with:
          test-name: {id}
          command: >-
            .venv/bin/tangtoc grade lessons --single bai_lam
            --out "$RUNNER_TEMP/tangtoc-ket-qua/{id}" --exercise {id}
            --timeout {timeout:g} --require-full
          timeout: {minutes}
          max-score: {points:g}
"""

REPORTER = """\
      - name: Autograding Reporter
        uses: classroom-resources/autograding-grader-reporter@v1
        env:
{env}
        with:
          runners: {runners}
"""


def workflow(exercises: tuple[Exercise, ...], points: float, timeout: float) -> str:
    """The workflow text: one command-grader step per exercise, then the reporter."""
    steps = [e.id.replace("-", "_") for e in exercises]
    minutes = max(5, int(timeout * 6 / 60) + 5)  # both phases, pip cache misses included
    body = "".join(STEP.format(id=e.id, step=step, timeout=timeout, minutes=minutes,
                               points=points) for e, step in zip(exercises, steps, strict=True))
    env = "\n".join(f"          {step.upper()}_RESULTS: \"${{{{steps.{step}.outputs.result}}}}\""
                    for step in steps)
    return HEADER + body + REPORTER.format(env=env, runners=",".join(steps))

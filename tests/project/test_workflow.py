"""The GitHub Actions matrix (.github/workflows/tests.yml) cannot run here (no 3.14, no
network): its structure and every command it calls are checked instead."""

import re
import shlex
import subprocess
import sys

import yaml

from tangtoc import paths
from tangtoc.catalog import tomllib
from tangtoc.grader.classroom import CHECKOUT, SETUP_PYTHON

WORKFLOW = paths.ROOT / ".github" / "workflows" / "tests.yml"
PYTHONS = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.14t"]


def _job() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert set(data[True]) == {"push", "pull_request", "workflow_dispatch"}  # YAML 1.1: on = True
    assert list(data["jobs"]) == ["tests"]
    return data["jobs"]["tests"]


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def readme_test_command() -> str:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- test-command -->")[1].split("<!-- /test-command -->")[0]
    return block.strip().removeprefix("```bash").removesuffix("```").strip()


def test_matrix_covers_every_supported_python_and_the_free_threaded_build():
    job = _job()
    assert job["strategy"]["matrix"]["python"] == PYTHONS
    assert job["strategy"]["fail-fast"] is False  # one Python failing hides none of the others
    setup = [s for s in job["steps"] if s.get("uses") == SETUP_PYTHON]
    assert setup and setup[0]["with"]["python-version"] == "${{ matrix.python }}"
    assert job["steps"][0]["uses"] == CHECKOUT  # the same pinned actions as the Classroom file


def test_the_suite_runs_with_readme_test_command():
    runs = _runs(_job())
    suite = [run for run in runs if "scripts/test.sh" in run]
    assert len(suite) == 1
    assert suite[0].strip() == readme_test_command() + " --ignore=tests/project/test_browser.py"
    assert "'.[test,cum]'" in readme_test_command()  # test tools, and the Dask engine too
    assert (paths.PROJECT_TESTS / "test_browser.py").is_file()


def test_every_script_it_calls_exists_and_starts():
    scripts = [word for run in _runs(_job()) for word in shlex.split(run, comments=True)
               if word.startswith("scripts/")]
    assert "scripts/measure_khong_gil.py" in scripts and "scripts/measure_bai02.py" in scripts
    for script in scripts:
        assert (paths.ROOT / script).is_file(), script
        if script.endswith(".py"):  # --help parses the options without measuring anything
            finished = subprocess.run([sys.executable, script, "--help"], cwd=paths.ROOT,
                                      capture_output=True, text=True, timeout=60)
            assert finished.returncode == 0, finished.stderr


def test_every_run_block_is_valid_bash():
    for run in _runs(_job()):
        finished = subprocess.run(["bash", "-n"], input=run, capture_output=True, text=True)
        assert finished.returncode == 0, (run, finished.stderr)


def test_measurement_tables_are_kept_as_artifacts_per_python():
    job = _job()
    upload = [s for s in job["steps"] if str(s.get("uses", "")).startswith(
        "actions/upload-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "measurements/"
    assert "${{ matrix.python }}" in upload[0]["with"]["name"]
    assert upload[0]["if"] == "${{ !cancelled() }}"  # tables of a run whose suite failed too
    assert re.fullmatch(r"actions/upload-artifact@v\d+", upload[0]["uses"])


def test_the_student_install_leaves_the_project_test_tools_to_the_test_command():
    """`pip install -e .` (the student's command) installs what the course needs; the linter and
    the parallel test runner come only with README's test command (`.[test,cum]`)."""
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[<>=;\[ ]", requirement)[0]
             for requirement in project["dependencies"]]
    assert "pytest" in names and "mkdocs" in names  # check and serve
    test_tools = [re.split(r"[<>=;\[ ]", r)[0] for r in project["optional-dependencies"]["test"]]
    assert {"ruff", "pytest-xdist"} <= set(test_tools)
    assert not set(test_tools) & set(names)

"""The result model (tangtoc.records): statuses are decided where they are observed, never read
back from the wording of a message (the graded scenarios: test_golden_results.py)."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import tangtoc
from tangtoc import paths
from tangtoc.pytest_plugin import ResultCollector
from tangtoc.records import Status, call_status, script_status, worst

PACKAGE = Path(tangtoc.__file__).parent
# Names under which message text travels: a test's message, an error's text, a verdict.
TEXT_NAMES = ("message", "verdict", "explain", "describe_failure")
TEXT_TESTS = ("startswith", "endswith", "find", "index", "count", "search", "match")


def _mentions_text(node: ast.AST) -> bool:
    source = ast.unparse(node)
    return any(name in source for name in TEXT_NAMES)


def text_decisions(tree: ast.AST) -> list[int]:
    """Lines where message text is tested: `… in message`, `message.startswith(…)`,
    `re.search(…, message)`; also a table of phrases (the old scoring.PHRASES)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
                isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            if any(_mentions_text(part) for part in node.comparators):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in TEXT_TESTS:
            if _mentions_text(node.func.value) or any(map(_mentions_text, node.args)):
                lines.append(node.lineno)
        elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and "PHRASE" in target.id
                for target in node.targets):
            lines.append(node.lineno)
    return lines


# Text tests that shape wording and decide no status: file -> the line's code.
WORDING_ONLY = {
    "argparse_vi.py": ("choice = re.match(",),  # argparse's English errors, in Vietnamese
    "pytest_plugin.py": ('if message.startswith("AssertionError: ")',),  # drop pytest's diff
    "submission.py": ("MAIN_GUARD_HELP not in describe_failure(result)",),  # said once
}


def test_no_status_is_decided_from_message_text():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for number in text_decisions(ast.parse(text)):
            if not any(code in lines[number - 1]
                       for code in WORDING_ONLY.get(path.name, ())):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {lines[number - 1]}")
    assert found == []


@pytest.mark.parametrize("source", [
    'status = "timeout" if "quá lâu" in record["message"] else "failed"',
    'untouched = record["message"].startswith("NotImplementedError")',
    'PHRASES = (("bài chạy quá lâu", "timeout"),)',
    'status = re.search("quá", result.message)',
])
def test_the_scan_finds_decisions_on_message_text(source):
    assert text_decisions(ast.parse(source)) == [1]


@pytest.mark.parametrize(("call", "error_type", "status"), [
    ("returned", "", Status.PASSED),
    ("raised", "ValueError", Status.FAILED),
    ("raised", "MemoryError", Status.CRASHED),  # the sandbox's memory limit
    ("raised", "BlockingIOError", Status.CRASHED),  # its process limit (a fork loop)
    ("bad_result", "", Status.FAILED),
    ("timeout", "", Status.TIMEOUT),
    ("crashed", "", Status.CRASHED),
    ("import_error", "SyntaxError", Status.ERROR),
])
def test_how_a_call_ended_gives_the_status(call, error_type, status):
    assert call_status(call, error_type) is status


@pytest.mark.parametrize(("run", "returncode", "status"), [
    ("exited", 0, Status.PASSED), ("exited", 1, Status.FAILED), ("exited", -9, Status.CRASHED),
    ("timeout", None, Status.TIMEOUT), ("not_loadable", None, Status.ERROR),
])
def test_how_a_program_ended_gives_the_status(run, returncode, status):
    assert script_status(run, returncode) is status


def test_the_worst_status_comes_first_and_not_gradable_is_no_failure():
    assert worst([Status.PASSED, Status.FAILED, Status.TIMEOUT]) is Status.TIMEOUT
    assert worst([Status.PASSED, Status.NOT_GRADABLE]) is Status.NOT_GRADABLE
    assert worst([]) is Status.PASSED
    assert f"{Status.CRASHED}" == "crashed" and json.dumps([Status.ERROR]) == '["error"]'


def _report(when: str, outcome: str = "passed", properties=()) -> pytest.TestReport:
    return pytest.TestReport("t.py::t", ("t.py", 0, "t"), {}, outcome,
                             "x" if outcome == "failed" else None, when,
                             user_properties=list(properties))


@pytest.mark.parametrize(("phases", "status"), [
    ([_report("setup"), _report("call"), _report("teardown")], "passed"),
    ([_report("setup")], "error"),  # the judge broke during the call: never a pass
    ([_report("setup"), _report("call", "failed", [("status", Status.TIMEOUT)])], "timeout"),
    ([_report("setup"), _report("call", "failed")], "failed"),
    ([_report("setup", "failed")], "error"),
])
def test_the_collector_records_the_observed_status_and_fails_closed(tmp_path, phases, status):
    collector = ResultCollector(str(tmp_path / "records.json"))
    for report in phases:
        collector.pytest_runtest_logreport(report)
    collector.pytest_sessionfinish()
    [record] = json.loads((tmp_path / "records.json").read_text(encoding="utf-8"))
    assert record["status"] == status and "status" not in record["properties"]


def test_failed_graded_tests_report_through_pytest_xdist():
    """The observed status travels with the report between xdist's processes: the stub's
    failures are reported as failures, not as an internal error of xdist (exit code 3)."""
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", str(paths.GRADED / "test_bai04_dem_tu.py"), "-n", "2",
         "--target", str(paths.LESSONS), "-m", "not speed", "-q", "-p", "no:cacheprovider"],
        cwd=paths.ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 1, finished.stdout[-3000:]
    assert "INTERNALERROR" not in finished.stdout and " failed" in finished.stdout

"""The pytest plugin of the course: target selection, exercise loading, speed checks, results.

Loaded by the conftest.py of tests/graded/ and of tests/project/. Options:
  --target solutions|lessons|PATH   folder whose exercise modules are graded (default: solutions)
  --start-method fork|spawn|forkserver   default start method for this run
  --report-json PATH                write every test's outcome and message to PATH
  --call-timeout S                  seconds allowed per call of the target's function (grader)
  --progress-file PATH              append "k n" when test k of n starts (check, watch)
  --stop-at-timeout                 stop at the first test whose call timed out (check, watch)
"""

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from tangtoc import catalog, failure_text, paths, submission
from tangtoc.records import CourseError, Status, TestRecord, call_status, script_status
from tangtoc.runner import shortened
from tangtoc.speed import SpeedCheck, run_speed_check


def pytest_addoption(parser):
    group = parser.getgroup("tangtoc")
    group.addoption("--target", default="solutions",
                    help="solutions, lessons or a folder of exercise modules")
    group.addoption("--start-method", default=None,
                    choices=multiprocessing.get_all_start_methods(),
                    help="multiprocessing start method for this run")
    group.addoption("--report-json", default=None, help="write test outcomes to this JSON file")
    group.addoption("--call-timeout", type=float, default=120.0,
                    help="seconds allowed per call of the target's function")
    group.addoption("--progress-file", default=None, help='append "k n" as test k of n starts')
    group.addoption("--stop-at-timeout", action="store_true",
                    help="stop at the first test whose call of the target timed out")


def pytest_configure(config):
    config.addinivalue_line("markers", "speed: speed check; runs in its own serial phase")
    target = paths.resolve_target(config.getoption("target"))
    config.stash[TARGET_KEY] = target
    if config.getoption("start_method"):
        multiprocessing.set_start_method(config.getoption("start_method"), force=True)
    if config.getoption("report_json"):
        config.pluginmanager.register(ResultCollector(config.getoption("report_json")))
    if config.getoption("progress_file"):
        config.pluginmanager.register(ProgressWriter(config.getoption("progress_file")))


class ProgressWriter:
    """One line "k n" as test k of n starts, for `tangtoc check` and `watch` to show."""

    def __init__(self, path: str):
        self.path = Path(path)
        self.total = 0
        self.started = 0

    def pytest_collection_finish(self, session):
        self.total = len(session.items)

    def pytest_runtest_logstart(self, nodeid, location):
        self.started += 1
        with self.path.open("a", encoding="utf-8") as out:
            out.write(f"{self.started} {self.total} {nodeid}\n")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Record with a failed test how the student's code it ran ended (its status, observed by
    the runner or the script runner, never read from the message); a failure pytest would
    describe in English (DID NOT RAISE, a regex diff, a pickling error) is said in Vietnamese
    with its fix (with -v, pytest's own report follows); with --stop-at-timeout, a call that
    timed out ends the session, so that a hanging submission gets one clear answer in seconds
    instead of one timeout per test."""
    report = (yield).get_result()
    funcargs = getattr(item, "funcargs", {})
    exercise = funcargs.get("exercise")
    retried = getattr(exercise, "retried_after_hang", 0)
    if call.when == "call" and retried:  # for the teacher's results: a hang that went away
        report.user_properties.append(("retried_after_hang", retried))
    if report.failed:
        _record_observation(item, report)
    explained = failure_text.explain(call.excinfo) if report.failed and call.excinfo else None
    if explained:
        verbose = item.config.getoption("verbose") > 0
        report.longrepr = explained + (f"\n\n{report.longrepr}" if verbose else "")
    if call.when == "teardown":  # a module's script runs are shared: observe each test anew
        script = funcargs.get("script")
        if isinstance(script, submission.ScriptExercise):
            script.last_run = None
    if not (report.failed and item.config.getoption("stop_at_timeout")):
        return
    result = getattr(exercise, "last_result", None)
    if result is not None and result.status == "timeout":
        item.session.shouldstop = "timeout"
        report.user_properties.append(("stopped_at_timeout", True))


def _record_observation(item, report) -> None:
    """The status of a failed test from what the harness observed: a speed check records its
    own (speed_check), else the last call of the student's functions, else the last run of the
    student's program; a plain failed assertion stays "failed". Properties hold plain values
    (the status's text): pytest-xdist ships reports between processes and cannot send an Enum."""
    if any(name == "status" for name, _ in report.user_properties):
        return
    funcargs = getattr(item, "funcargs", {})
    result = getattr(funcargs.get("exercise"), "last_result", None)
    if result is not None and not result.ok:
        report.user_properties += [
            ("status", call_status(result.status, result.error_type).value),
            ("call", {"status": result.status, "error_type": result.error_type})]
        return
    for fixture in ("script", "exercise"):
        script = funcargs.get(fixture)
        run = script.last_run if isinstance(script, submission.ScriptExercise) else None
        if run is not None and not run.ok:
            report.user_properties += [("status", script_status(run.status, run.returncode).value),
                                       ("script", {"status": run.status,
                                                   "returncode": run.returncode})]
            return


TARGET_KEY = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def target_dir(pytestconfig) -> Path:
    return pytestconfig.stash[TARGET_KEY]


@pytest.fixture
def exercise(request, target_dir, tmp_path):
    """The test file's EXERCISE in the target folder; each call runs in a runner process.

    A test module may set CALL_TIMEOUT (seconds) to turn a likely hang into a quick failure;
    --call-timeout (the grader's per-call limit) caps it."""
    exercise = catalog.get(request.module.EXERCISE)
    if exercise.kind == "script":  # a program is run as a program, never imported
        return submission.ScriptExercise(exercise, target_dir, tmp_path)
    try:
        submission.check_source(exercise, target_dir)
    except submission.NotLoadable as error:
        pytest.fail(str(error), pytrace=False)
    return submission.RemoteExercise(exercise, target_dir, cwd=tmp_path,
                                     timeout=min(getattr(request.module, "CALL_TIMEOUT", 120.0),
                                                 request.config.getoption("call_timeout")))


@pytest.fixture(scope="module")
def script(request, target_dir, tmp_path_factory):
    """The test file's script EXERCISE (kind "script"): `script.run(...)` runs the whole
    program in a child process with a timeout; runs are shared by the tests of the file."""
    exercise = catalog.get(request.module.EXERCISE)
    return submission.ScriptExercise(exercise, target_dir, tmp_path_factory.mktemp(exercise.id))


@pytest.fixture(params=multiprocessing.get_all_start_methods())
def each_start_method(request):
    """Run the test once per start method available here (fork, spawn, forkserver on Linux)."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(request.param, force=True)
    yield request.param
    multiprocessing.set_start_method(previous, force=True)


@pytest.fixture
def speed_check(request, target_dir, record_property, tmp_path):
    """Run a speed check of the target against our sequential baseline; fail or skip honestly.
    A test may run several: "speed" holds the last one's report (the one that decided), and
    "speed_checks" every report in order, so results keep all their figures."""
    reports: list[dict] = []

    def check(**settings):
        if os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") != "1":
            pytest.skip("Kiểm tra tốc độ phải chạy riêng, không song song với bài kiểm tra khác "
                        "(chạy lại không có -n).")
        settings.setdefault("exercise", request.module.EXERCISE)
        settings.setdefault("start_method", request.config.getoption("start_method"))
        settings.setdefault("timeout", request.config.getoption("call_timeout"))
        try:
            report = run_speed_check(SpeedCheck(candidate_dir=target_dir,
                                                baseline_dir=paths.SOLUTIONS, cwd=tmp_path,
                                                **settings))
        except CourseError as error:
            record_property("course_error", str(error))
            record_property("status", Status.ERROR.value)
            pytest.fail(f"Lỗi của khóa học, không phải lỗi của bạn: {error}", pytrace=False)
        reports.append(report.to_dict())
        record_property("speed", reports[-1])
        record_property("speed_checks", list(reports))
        notes = "".join(f"\n{note}" for note in report.notes)
        if report.status in (Status.SKIPPED, Status.NOT_GRADABLE):  # no verdict: no failure
            pytest.skip(report.message + notes)
        if not report.passed:
            record_property("status", Status(report.failure or Status.FAILED).value)
            pytest.fail(report.message + notes, pytrace=False)
        return report

    return check


class ResultCollector:
    """Writes one record per test: name, outcome, a short message and recorded properties."""

    def __init__(self, path: str):
        self.path = Path(path)
        self.records: dict[str, TestRecord] = {}
        self.called: set[str] = set()  # tests whose call phase reported

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            self.called.add(report.nodeid)
        record = self.records.setdefault(report.nodeid, TestRecord(report.nodeid))
        record.duration += report.duration
        properties = dict(report.user_properties)
        observed = properties.pop("status", None)
        record.properties.update(properties)
        if report.passed or record.outcome != "passed":
            return
        record.status = report_status(report, observed)
        if report.skipped:
            record.outcome = "skipped"
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
            record.message = reason.removeprefix("Skipped: ")
        else:
            record.outcome = "failed" if report.when == "call" else "error"
            crash = getattr(report.longrepr, "reprcrash", None)
            message = (crash.message if crash else str(report.longrepr)).removeprefix("Failed: ")
            if message.startswith("AssertionError: "):  # keep our Vietnamese text, not the diff
                message = message.removeprefix("AssertionError: ").split("\nassert ")[0]
            record.message = shortened(message)

    def pytest_runtest_logfinish(self, nodeid, location):
        self.close(nodeid)

    def close(self, nodeid: str) -> None:
        """Fail closed: a test that passed its setup but whose call never reported (the judge
        itself broke) is an error, never a pass."""
        record = self.records.get(nodeid)
        if record and record.outcome == "passed" and nodeid not in self.called:
            record.outcome, record.status = "error", Status.ERROR
            record.message = "Bài kiểm tra không chạy xong (lỗi của bộ chấm)."

    def pytest_sessionfinish(self):
        for nodeid in self.records:
            self.close(nodeid)
        self.path.write_text(json.dumps([r.to_dict() for r in self.records.values()],
                                        ensure_ascii=False, indent=1), encoding="utf-8")


def report_status(report, observed: Status | None) -> Status:
    """The status of a test that did not pass, decided once: no verdict possible here
    (skipped), the harness could not run it (setup or teardown failed), or what was observed
    when it failed (plain "failed" when nothing else was)."""
    if report.skipped:
        return Status.NOT_GRADABLE
    if report.when != "call":
        return Status.ERROR
    return Status(observed) if observed else Status.FAILED

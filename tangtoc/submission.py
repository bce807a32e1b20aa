"""A student's exercise module as the graded tests see it: checked without being imported,
and called only through runner processes (DESIGN.md §4 rule 0), so that nothing the
submission does at import or call time can patch the tests that judge it."""

import ast
import builtins
import multiprocessing
from functools import partial
from pathlib import Path

import pytest

from tangtoc import catalog, paths
from tangtoc.records import CourseError
from tangtoc.runner import CallResult, call_in_runner
from tangtoc.script_run import ScriptRun, run_script
from tangtoc.speed_wording import MAIN_GUARD_HELP, describe_failure


class NotLoadable(Exception):
    """The file is missing, is not valid Python, or lacks a required function."""


class SubmissionRaised(Exception):
    """An exception of the submission that the judge does not rebuild (not a built-in one)."""


def check_source(exercise: catalog.Exercise, target_dir: Path) -> Path:
    """Static checks with Vietnamese messages; nothing from the file is executed here."""
    path = target_dir / exercise.file_name
    if not path.is_file():
        raise NotLoadable(f"Không có tệp {path}: hãy tạo tệp bài làm đúng tên này.")
    try:
        tree = ast.parse(path.read_bytes(), filename=exercise.file_name)
    except SyntaxError as error:
        raise NotLoadable(
            f"Lỗi cú pháp trong {exercise.file_name}, dòng {error.lineno}: {error.msg}."
        ) from None
    missing = [name for name in exercise.functions if name not in _top_level_names(tree)]
    if missing:
        raise NotLoadable(
            f"Thiếu hàm {', '.join(missing)} trong {exercise.file_name}: đừng đổi tên hàm của đề."
        )
    return path


def _top_level_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


QUICK_LIMIT = 10.0  # seconds: a correctness test's input is small
SLOWER_ALLOWED = 20  # × our solution's time on the same input, before calling it a hang
START_ALLOWANCE = 5.0  # seconds: starting workers under spawn on a slow laptop


class RemoteExercise:
    """`exercise.some_function(*args)` runs some_function in a fresh runner process."""

    def __init__(self, exercise: catalog.Exercise, target_dir: Path, cwd: Path,
                 timeout: float = 120.0, hang_hint: str = "", stamp_stderr: bool = False,
                 fixture: "RemoteExercise | None" = None):
        self._exercise, self._target_dir, self._cwd, self._timeout = (
            exercise, target_dir, cwd, timeout)
        self._hang_hint = hang_hint  # Vietnamese: the likely cause when a call times out
        self._stamp_stderr = stamp_stderr
        # The test's fixture, which also sees the calls made through configured() copies: the
        # pytest plugin reads how the test's last call ended from it.
        self._fixture = fixture or self
        self.last_result: CallResult | None = None  # e.g. for its stderr (resource warnings)
        self.retried_after_hang = 0  # calls that passed only on their second try

    def configured(self, timeout: float | None = None, hang_hint: str = "",
                   stamp_stderr: bool = False) -> "RemoteExercise":
        """The same exercise with another time limit (None: the same), a specific message on
        a hang, and (stamp_stderr) the time each line of its error output reached the judge."""
        return RemoteExercise(self._exercise, self._target_dir, self._cwd,
                              self._timeout if timeout is None else timeout, hang_hint,
                              stamp_stderr, self._fixture)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return partial(self._call, name)

    def _call(self, function: str, *args, **kwargs):
        result = self._timed_call(function, args, kwargs)
        self.last_result = self._fixture.last_result = result
        self._fixture.retried_after_hang += result.hung_before
        if result.ok:
            return result.value
        if result.status == "raised":
            raise rebuild_exception(result)
        hint = f" {self._hang_hint}" if result.status == "timeout" and self._hang_hint else ""
        line = (top_level_code_line(self._target_dir / self._exercise.file_name)
                if result.status == "timeout" else None)
        if line is not None and MAIN_GUARD_HELP not in describe_failure(result):
            hint += " " + TOP_LEVEL_HELP.format(line=line)
        pytest.fail(f"Khi gọi {function}: {describe_failure(result)}{hint}{_tail(result)}",
                    pytrace=False)

    def _run(self, folder: Path, function: str, args: tuple, kwargs: dict,
             timeout: float) -> CallResult:
        return call_in_runner(folder, self._exercise.id, function, args, kwargs,
                              start_method=multiprocessing.get_start_method(allow_none=True),
                              timeout=timeout, cwd=self._cwd, stamp_stderr=self._stamp_stderr)

    def _timed_call(self, function: str, args: tuple, kwargs: dict) -> CallResult:
        """A time limit sized from the test's own input: QUICK_LIMIT first; a call still
        running then is given what our solution needs on the same input (× SLOWER_ALLOWED,
        + START_ALLOWANCE), up to the module's limit, so a hang on a small input is reported
        in seconds while a big input keeps its time; a hang on a small input gets one more try
        within that allowance (result.hung_before says it needed it)."""
        quick = min(QUICK_LIMIT, self._timeout)
        result = self._run(self._target_dir, function, args, kwargs, quick)
        if result.status != "timeout" or quick >= self._timeout:
            return result
        reference = self._run(paths.SOLUTIONS, function, args, kwargs, self._timeout)
        if reference.seconds is None:  # ours timed out too: the input is big, allow it all
            allowed = self._timeout
        else:
            allowed = min(self._timeout, SLOWER_ALLOWED * reference.seconds + START_ALLOWANCE)
        if allowed > quick:
            return self._run(self._target_dir, function, args, kwargs, allowed)
        # A hang on an input ours handles in a blink. One more try, as long as ours is allowed:
        # CPython itself can hang, rarely, when an exception leaves a `with Pool` block
        # (terminate() kills a worker holding a queue's lock: python/cpython#96995).
        again = self._run(self._target_dir, function, args, kwargs, allowed)
        if again.status != "timeout":
            again.hung_before = True
            return again
        result.error = (f"quá {quick:.0f} giây, rồi quá {allowed:.0f} giây ở lần gọi lại, trong "
                        f"khi lời giải mẫu chỉ cần {reference.seconds:.1f} giây trên cùng dữ liệu")
        return result


class ScriptExercise:
    """A script exercise (catalog kind "script"): the student's whole program, only ever run as
    a program in a child process (tangtoc.script_run), never imported by the judge. Runs are
    remembered, so the tests of one file share one run of each configuration."""

    def __init__(self, exercise: catalog.Exercise, target_dir: Path, cwd: Path):
        self._exercise, self._target_dir, self._cwd = exercise, target_dir, cwd
        self._runs: dict[tuple, ScriptRun] = {}
        self.last_run: ScriptRun | None = None  # of the student's program, in this test

    def run(self, *, reference: bool = False, **settings) -> ScriptRun:
        """The student's program (or with reference=True our solution) run once per settings:
        start_method (default spawn), timeout, env, watch; see tangtoc.script_run.run_script."""
        key = (reference, *sorted((name, repr(value)) for name, value in settings.items()))
        if key not in self._runs:
            self._runs[key] = self._run(paths.SOLUTIONS if reference else self._target_dir,
                                        settings)
        if not reference:
            self.last_run = self._runs[key]
        return self._runs[key]

    def _run(self, folder: Path, settings: dict) -> ScriptRun:
        try:
            path = check_source(self._exercise, folder)
        except NotLoadable as error:
            return ScriptRun("not_loadable", error=str(error))
        return run_script(path, cwd=self._cwd, **settings)

    def reference_output(self, **settings) -> str:
        """What our solution prints; it failing is a bug of the course, not of the student.
        A class template has no solutions: it carries the output recorded from ours
        (tests/graded/baseline/<id>.stdout.txt, tangtoc.grader.template)."""
        recorded = paths.SOLUTIONS / f"{self._exercise.id}.stdout.txt"
        if recorded.is_file():
            return recorded.read_text(encoding="utf-8")
        run = self.run(reference=True, **settings)
        if not run.ok:
            raise CourseError(f"lời giải tham khảo {self._exercise.id} lỗi: {run.explain()}")
        return run.stdout

    def assert_runs_like_reference(self, **settings) -> ScriptRun:
        """The program ends normally within the time limit and prints what our solution
        prints; the failure message says what happened (hang, error text and its meaning)."""
        run = self.run(**settings)
        assert run.ok, run.explain()
        expected = self.reference_output(**settings)
        assert run.stdout == expected, (
            "Chương trình chạy xong nhưng in ra khác lời giải mẫu.\n"
            f"Cần in:\n{expected}Đã in:\n{run.stdout or '(không in gì)'}")
        return run

    def source(self) -> str:
        """The program's text, for static checks (read, never executed)."""
        return (self._target_dir / self._exercise.file_name).read_text(encoding="utf-8")


TOP_LEVEL_HELP = (
    "Nguyên nhân có thể: thiếu điều kiện `if __name__ == \"__main__\":`. Dòng {line} chạy mã ở "
    "cấp cao nhất của tệp (ngoài mọi hàm), nên nó chạy ngay khi tệp được import, cả trong tiến "
    "trình con; tạo Pool hay tiến trình giữa lúc import thì treo (fork) hoặc lặp lỗi "
    "«bootstrapping phase» (spawn, forkserver). Cách sửa: đưa mọi mã chạy thử vào trong khối "
    "`if __name__ == \"__main__\":` ở cuối tệp (docs/bai08-sai-lam.md, mục 1)."
)


STARTS_PROCESSES = {"Pool", "Process", "ProcessPoolExecutor", "get_context", "set_start_method"}


def top_level_code_line(path: Path) -> int | None:
    """The first top-level statement (outside functions and the main guard) that calls one of
    the file's own functions or starts processes, i.e. runs the exercise whenever the file is
    imported; read without executing anything."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None
    own = {node.name for node in tree.body
           if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            continue
        for part in ast.walk(node):
            if isinstance(part, ast.Call):
                name = getattr(part.func, "id", getattr(part.func, "attr", ""))
                if name in own or name in STARTS_PROCESSES:
                    return node.lineno
    return None


def rebuild_exception(result: CallResult) -> Exception:
    """The submission's exception as a built-in of the same family, so pytest.raises works."""
    exc_type = getattr(builtins, result.error_type, None)
    rebuilt = SubmissionRaised(f"{result.error_type}: {result.error}")
    if isinstance(exc_type, type) and issubclass(exc_type, Exception):
        for candidate in exc_type.__mro__:  # e.g. UnicodeDecodeError needs 5 arguments
            try:
                rebuilt = candidate(result.error)
                break
            except TypeError:
                continue
    if hasattr(rebuilt, "add_note"):  # Python 3.11+: pytest shows the student's traceback
        rebuilt.add_note("Traceback trong bài làm:\n" + result.traceback)
    return rebuilt


def _tail(result: CallResult) -> str:
    output = result.stderr.strip()
    return f"\nĐầu ra cuối cùng của bài:\n{output[-1500:]}" if output else ""

"""A student's exercise module as the graded tests see it: checked without being imported,
and called only through runner processes (DESIGN.md §4 rule 0), so that nothing the
submission does at import or call time can patch the tests that judge it."""

import ast
import builtins
import multiprocessing
from functools import partial
from pathlib import Path

import pytest

from tangtoc import catalog
from tangtoc.runner import CallResult, call_in_runner
from tangtoc.speed import describe_failure


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


class RemoteExercise:
    """`exercise.some_function(*args)` runs some_function in a fresh runner process."""

    def __init__(self, exercise: catalog.Exercise, target_dir: Path, cwd: Path,
                 timeout: float = 120.0):
        self._exercise, self._target_dir, self._cwd, self._timeout = (
            exercise, target_dir, cwd, timeout)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return partial(self._call, name)

    def _call(self, function: str, *args, **kwargs):
        result = call_in_runner(
            self._target_dir, self._exercise.id, function, args, kwargs,
            start_method=multiprocessing.get_start_method(allow_none=True),
            timeout=self._timeout, cwd=self._cwd,
        )
        if result.ok:
            return result.value
        if result.status == "raised":
            raise rebuild_exception(result)
        pytest.fail(f"Khi gọi {function}: {describe_failure(result)}{_tail(result)}",
                    pytrace=False)


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

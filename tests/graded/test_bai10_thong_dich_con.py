"""Graded tests of bai10_thong_dich_con (optional): the CPU-bound sum on InterpreterPoolExecutor.

Python 3.14+ only; elsewhere every test is skipped with the reason. Never run by the course's
own CI so far: the machine it was written on has Python 3.10–3.13 only."""

import ast
import concurrent.futures

import pytest

from tangtoc import catalog, reference

EXERCISE = "bai10_thong_dich_con"

pytestmark = pytest.mark.skipif(
    not hasattr(concurrent.futures, "InterpreterPoolExecutor"),
    reason=(f"Bài tùy chọn: cần Python {catalog.get(EXERCISE).python} trở lên "
            "(concurrent.futures.InterpreterPoolExecutor); Python đang chạy chưa có nó."),
)


@pytest.fixture(autouse=True)
def target_on_startup_path(monkeypatch, target_dir):
    """Subinterpreters start from the startup sys.path, not the runner's later additions."""
    monkeypatch.setenv("PYTHONPATH", str(target_dir))


@pytest.mark.parametrize(("start", "count"), [(1, 40_000), (27, 1), (500, 0)])
def test_matches_sequential(exercise, start, count):
    expected = reference.load(EXERCISE).total_collatz_steps_sequential(start, count)
    assert exercise.total_collatz_steps_interpreters(start, count, 2) == expected, (
        f"Tổng số bước Collatz của {count} số từ {start} sai.")


def test_uses_interpreter_pool(target_dir):
    tree = ast.parse((target_dir / f"{EXERCISE}.py").read_text(encoding="utf-8"))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
              for alias in node.names}
    assert "InterpreterPoolExecutor" in names, (
        "Bài này là để thử InterpreterPoolExecutor: hãy dùng nó thay cho Pool hay luồng.")

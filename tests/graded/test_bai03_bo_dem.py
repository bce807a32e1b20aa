"""Graded tests of bai03_bo_dem: a shared counter fixed with a Lock. The given driver starts all
threads together, switches threads every microsecond, and the given increment has a window
between read and write, so the unfixed counter loses updates on every run
(tests/project/test_thread_race_is_reliable.py proves it)."""

import ast

import pytest

from tangtoc import catalog

EXERCISE = "bai03_bo_dem"


@pytest.mark.parametrize(("threads", "increments"), [(8, 20_000), (16, 10_000), (4, 40_000)])
def test_no_update_is_lost(exercise, threads, increments):
    value = exercise.count_concurrently(threads, increments)
    assert value == threads * increments, (
        f"{threads} luồng × {increments} lần tăng phải ra {threads * increments}, bộ đếm chỉ "
        f"được {value}: có lần tăng bị mất vì hai luồng cùng đọc một giá trị. Hãy giữ một "
        "threading.Lock trong suốt ba bước đọc, pause(), ghi."
    )


def _increment(tree: ast.Module) -> ast.FunctionDef | None:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "SharedCounter":
            return next((item for item in node.body if isinstance(item, ast.FunctionDef)
                         and item.name == "increment"), None)
    return None


def test_the_read_pause_write_steps_are_kept_and_locked(exercise, target_dir):
    """Read by the judge from the source, never run: `self.value += 1` alone happens not to lose
    updates on CPython 3.11+ (no thread switch inside it), which would hide the race instead
    of fixing it."""
    path = target_dir / catalog.get(EXERCISE).file_name
    method = _increment(ast.parse(path.read_bytes()))
    assert method is not None, "Không thấy phương thức increment của lớp SharedCounter."
    calls = {ast.unparse(node.func) for node in ast.walk(method) if isinstance(node, ast.Call)}
    assert "pause" in calls, (
        "increment không còn gọi pause(): bỏ bước «làm việc một chút» chỉ làm tranh chấp dữ "
        "liệu khó thấy hơn (`self.value += 1` trên CPython hiện nay tình cờ không bị chen "
        "ngang), không sửa được nó. Hãy giữ ba bước đọc, pause(), ghi và bao cả ba bằng "
        "`with self._lock:` (một threading.Lock tạo trong __init__).")
    locked = any(isinstance(node, ast.With) for node in ast.walk(method)) or any(
        name.endswith(".acquire") for name in calls)
    assert locked, (
        "increment không giữ khóa nào: hãy bao ba bước đọc, pause(), ghi bằng "
        "`with self._lock:` (một threading.Lock tạo trong __init__).")

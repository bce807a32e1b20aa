"""Graded tests of bai08_thieu_main: the program must run under spawn (main guard)."""

import ast

from script_workers import assert_work_in_child_processes

EXERCISE = "bai08_thieu_main"
TIMEOUT = 10


def test_runs_under_spawn_like_the_reference(script):
    script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)  # one run for both tests


def _unguarded_statements(tree: ast.Module) -> list[ast.stmt]:
    """Top-level statements that do work (not imports, definitions, constants, docstring)."""
    harmless = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                ast.Assign, ast.AnnAssign, ast.If)
    return [node for node in tree.body if not isinstance(node, harmless)
            and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]


def _main_guards(tree: ast.Module) -> list[ast.If]:
    return [node for node in tree.body if isinstance(node, ast.If)
            and "__name__" in ast.unparse(node.test) and "__main__" in ast.unparse(node.test)]


def test_work_starts_only_inside_the_main_guard(script):
    tree = ast.parse(script.source())
    loose = _unguarded_statements(tree)
    assert _main_guards(tree) and not loose, (
        "Mọi việc chạy chương trình (gọi main(), tạo Pool) phải nằm trong "
        "«if __name__ == \"__main__\":»" + (
            f"; các dòng sau đang nằm ngoài: {', '.join(str(node.lineno) for node in loose)}"
            if loose else "; tệp chưa có điều kiện này") + ".")


def test_the_squares_are_still_computed_in_the_pool(script):
    run = script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)
    assert_work_in_child_processes(
        run, "phép tính bình phương",
        "Bỏ Pool thì hết lỗi nhưng cũng hết song song. Hãy giữ Pool và đưa mã tạo nó vào "
        "khối «if __name__ == \"__main__\":».")

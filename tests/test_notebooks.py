"""Committed notebooks carry their real outputs, no tracebacks and no function defined in a cell.

The notebooks are executed by scripts/run_notebooks.py and committed with outputs; the site
never executes them, so these checks are what keeps an unrun or broken notebook off the site.
"""

import ast

import nbformat
import pytest
import yaml

from tangtoc import paths

NOTEBOOKS = sorted((paths.DOCS / "notebooks").glob("*.ipynb"))


def code_cells(path):
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


def python_source(cell) -> str:
    """The cell without IPython magics and shell escapes, which are not Python."""
    lines = cell.source.splitlines()
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)


def test_there_is_at_least_one_notebook():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_was_executed_without_errors(path):
    nbformat.validate(nbformat.read(path, as_version=4))
    for number, cell in enumerate(code_cells(path), start=1):
        assert cell.execution_count is not None, (
            f"ô {number} chưa chạy: chạy `python scripts/run_notebooks.py {path.stem}`")
        for output in cell.outputs:
            assert output.output_type != "error", f"ô {number} lỗi: {output.get('ename')}"
            assert not (output.output_type == "stream" and "Traceback" in output.text), (
                f"ô {number} in ra một traceback")
    assert any(cell.outputs for cell in code_cells(path)), "sổ tay không có kết quả nào"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_shows_a_real_figure_labelled_with_the_machine(path):
    outputs = [output for cell in code_cells(path) for output in cell.outputs]
    assert any("image/png" in output.get("data", {}) for output in outputs), "không có hình"
    sources = "\n".join(cell.source for cell in code_cells(path))
    assert "tangtoc.plots" in sources or "from tangtoc import plots" in sources


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_defines_no_function(path):
    for cell in code_cells(path):
        for node in ast.walk(ast.parse(python_source(cell))):
            assert not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef), (
                f"hàm định nghĩa trong sổ tay (dòng {node.lineno}): đưa nó vào "
                f"tangtoc/experiments/{path.stem}.py rồi import")


def nav_pages(items) -> list[str]:
    pages = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_is_in_the_nav(path):
    config = yaml.load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)  # BaseLoader: ignores the !!python tags
    assert f"notebooks/{path.name}" in nav_pages(config["nav"])

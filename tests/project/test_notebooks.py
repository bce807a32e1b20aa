"""Committed notebooks carry their real outputs, no tracebacks and no function defined in a cell,
and their pages (docs/notebooks/<name>.md and figures) are the rendering of the notebook as it is.

The notebooks are executed by scripts/run_notebooks.py and committed with outputs and pages; the
site never executes them, so these checks are what keeps an unrun or broken notebook off the site.
"""

import ast
import shutil

import nbformat
import pytest
import yaml

from tangtoc import notebook_markdown, paths

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
def test_notebook_page_is_in_the_nav(path):
    config = yaml.load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)  # BaseLoader: ignores the !!python tags
    assert f"notebooks/{path.stem}.md" in nav_pages(config["nav"])


def test_every_page_in_the_notebooks_folder_is_a_notebook_rendering():
    pages = sorted((paths.DOCS / "notebooks").glob("*.md"))
    assert [page.stem for page in pages] == [path.stem for path in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_page_is_current(path):
    assert notebook_markdown.is_current(path), (
        f"docs/notebooks/{path.stem}.md hoặc hình của nó không khớp sổ tay: chạy "
        f"`python scripts/run_notebooks.py --render-only {path.stem}`")


def test_a_stale_or_incomplete_rendering_is_detected(tmp_path):
    """The freshness check itself: an edited Markdown cell, a changed or a leftover image."""
    source = NOTEBOOKS[0]
    notebook = shutil.copy(source, tmp_path / source.name)
    notebook_markdown.write(notebook)
    assert notebook_markdown.is_current(notebook)
    figures = sorted((tmp_path / source.stem).glob("hinh-*.png"))
    assert figures and f"]({source.stem}/hinh-1.png)" in notebook.with_suffix(".md").read_text(
        encoding="utf-8")

    edited = nbformat.read(notebook, as_version=4)
    next(cell for cell in edited.cells if cell.cell_type == "markdown").source += "\n\nThêm."
    nbformat.write(edited, notebook)
    assert not notebook_markdown.is_current(notebook)
    notebook_markdown.write(notebook)
    assert notebook_markdown.is_current(notebook)

    figures[0].write_bytes(figures[0].read_bytes() + b"x")
    assert not notebook_markdown.is_current(notebook)
    notebook_markdown.write(notebook)
    (tmp_path / source.stem / "hinh-99.png").write_bytes(b"")
    assert not notebook_markdown.is_current(notebook)


def test_every_figure_needs_its_vietnamese_description(tmp_path):
    notebook = tmp_path / NOTEBOOKS[0].name
    edited = nbformat.read(NOTEBOOKS[0], as_version=4)
    next(cell for cell in edited.cells if cell.metadata.get("tangtoc_alt")).metadata.pop(
        "tangtoc_alt")
    nbformat.write(edited, notebook)
    with pytest.raises(ValueError, match="metadata tangtoc_alt"):
        notebook_markdown.render(notebook)

"""The measurement notebooks as site pages: Markdown plus PNG images, rendered ahead of time.

scripts/run_notebooks.py runs docs/notebooks/<name>.ipynb, then writes docs/notebooks/<name>.md
and its figures docs/notebooks/<name>/hinh-1.png, hinh-2.png, … (nbconvert's MarkdownExporter).
Any site engine builds these plain pages: none needs a notebook plugin, and the build executes
nothing. Each figure's alternative text is the Vietnamese description in its cell's
`tangtoc_alt` metadata (a list, one text per image). tests/project/test_notebooks.py checks that the
committed pages are current.
"""

import base64
import re
from pathlib import Path

import nbformat
from nbconvert import MarkdownExporter
from traitlets.config import Config

HEADER = ("<!-- Trang sinh tự động từ {name}.ipynb bởi scripts/run_notebooks.py: "
          "đừng sửa tay, sửa sổ tay rồi chạy lại. -->\n\n")
ALT_SPECIAL = re.compile(r"([\\\[\]])")


def _figures(notebook, name: str) -> tuple[dict[str, bytes], list[str]]:
    """Name every PNG output `<name>/hinh-N.png` for the exporter; its bytes and alt texts."""
    images, alts = {}, []
    for cell in notebook.cells:
        outputs = [output for output in cell.get("outputs", [])
                   if "image/png" in output.get("data", {})]
        texts = cell.metadata.get("tangtoc_alt", [])
        if len(texts) != len(outputs):
            raise ValueError(f"{name}.ipynb: ô {cell.get('id')} có {len(outputs)} hình nhưng "
                             f"{len(texts)} dòng mô tả (metadata tangtoc_alt)")
        for output, text in zip(outputs, texts, strict=True):
            path = f"{name}/hinh-{len(images) + 1}.png"
            output.metadata["filenames"] = {"image/png": path}
            images[path] = base64.b64decode(output.data["image/png"])
            alts.append(text)
    return images, alts


def render(notebook_path: Path) -> tuple[str, dict[str, bytes]]:
    """The page's Markdown and its images (path relative to the page's folder -> bytes)."""
    name = notebook_path.stem
    notebook = nbformat.read(notebook_path, as_version=4)
    images, alts = _figures(notebook, name)
    exporter = MarkdownExporter(  # the images keep the names given above
        config=Config({"ExtractOutputPreprocessor": {"enabled": False}}))
    body, _ = exporter.from_notebook_node(notebook)
    for path, alt in zip(images, alts, strict=True):
        alt = ALT_SPECIAL.sub(r"\\\1", alt)
        body = body.replace(f"![png]({path})", f"![{alt}]({path})", 1)
    return HEADER.format(name=name) + body.strip() + "\n", images


def _outputs(notebook_path: Path) -> tuple[Path, Path]:
    """The page and the folder of its images, beside the notebook."""
    return notebook_path.with_suffix(".md"), notebook_path.with_suffix("")


def write(notebook_path: Path) -> None:
    """Write the page and its images, removing images of an earlier rendering."""
    page, folder = _outputs(notebook_path)
    markdown, images = render(notebook_path)
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    for path, data in images.items():
        (page.parent / path).write_bytes(data)
    page.write_text(markdown, encoding="utf-8")


def is_current(notebook_path: Path) -> bool:
    """Whether the committed page and images are exactly what render gives now."""
    page, folder = _outputs(notebook_path)
    markdown, images = render(notebook_path)
    if not page.is_file() or page.read_text(encoding="utf-8") != markdown:
        return False
    on_disk = {f"{folder.name}/{path.name}": path for path in folder.glob("*.png")}
    return on_disk.keys() == images.keys() and all(
        on_disk[path].read_bytes() == data for path, data in images.items())

"""Execute the measurement notebooks, save them with their outputs and render their pages.

    python scripts/run_notebooks.py                       # every docs/notebooks/*.ipynb
    python scripts/run_notebooks.py pool_scaling gil_timelines
    python scripts/run_notebooks.py --timeout 300 pool_scaling
    python scripts/run_notebooks.py --render-only         # pages only, nothing executed

The convention for measurement-heavy pages (DESIGN.md §6):

- A notebook lives in docs/notebooks/<name>.ipynb and is committed WITH its outputs, written by
  this script, and with its page docs/notebooks/<name>.md and figures docs/notebooks/<name>/
  (tangtoc.notebook_markdown; `--render-only` renders again after editing a Markdown cell or
  its alternative texts). The site builds these pages and never executes a notebook, so the
  strict build cannot hang on a cell; tests/project/test_notebooks.py keeps tracebacks off the
  site and fails when a page is not the rendering of its notebook.
- Every function a notebook runs in another process or thread is imported from a module
  `tangtoc/experiments/<topic>.py`; a cell never defines a function (`def`). Under spawn or
  forkserver a child cannot find a function defined in a notebook, and the pool hangs.
- Figures come from the real run in the notebook, are drawn with `tangtoc.plots` (which labels
  them with `machine_label()`: date, CPU, usable cores, Python) and shown with `display(fig)`
  after `%matplotlib inline`.
- Every figure has a Vietnamese alternative text: the cell's metadata `tangtoc_alt`, a list with
  one text per image.
- Add the page (notebooks/<name>.md) to `nav` in mkdocs.yml and link it from its lesson page;
  links from the notebook to a page are relative to the notebook (`../bai02-gil.md`).

Each cell gets a timeout (default 600 s): a hung cell fails the run instead of waiting forever.
A failing notebook is not written, so the committed one stays as it was. The run holds the
machine-wide CPU lock (/tmp/tangtoc-cpu.lock, or $TANGTOC_CPU_LOCK) so that no other heavy job
disturbs the measurements; under `flock` on that same file it sees the inherited lock and does
not wait for itself.
"""

import argparse
import contextlib
import fcntl
import os
import sys
import time
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

from tangtoc import notebook_markdown

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "docs" / "notebooks"
LOCK = Path(os.environ.get("TANGTOC_CPU_LOCK", "/tmp/tangtoc-cpu.lock"))


def notebook_paths(names: list[str]) -> list[Path]:
    if not names:
        return sorted(NOTEBOOKS.glob("*.ipynb"))
    found = [NOTEBOOKS / f"{name.removesuffix('.ipynb')}.ipynb" for name in names]
    missing = [str(path.relative_to(ROOT)) for path in found if not path.exists()]
    if missing:
        sys.exit(f"Không có sổ tay: {', '.join(missing)}")
    return found


def run(path: Path, timeout: int) -> None:
    notebook = nbformat.read(path, as_version=4)
    executor = ExecutePreprocessor(timeout=timeout, kernel_name="python3", record_timing=False)
    executor.preprocess(notebook, {"metadata": {"path": str(path.parent)}})
    nbformat.write(notebook, path)


def already_holding(lock: Path) -> bool:
    """True if an inherited file descriptor points at the lock (we run under `flock lock ...`)."""
    with contextlib.suppress(OSError):
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):
                if os.readlink(f"/proc/self/fd/{fd}") == os.path.realpath(lock):
                    return True
    return False


@contextlib.contextmanager
def cpu_lock(lock: Path):
    if already_holding(lock):
        yield
        return
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Đang chờ khóa CPU {lock} (máy đang bận đo việc khác)…", flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*",
                        help="tên sổ tay trong docs/notebooks (mặc định: tất cả)")
    parser.add_argument("--timeout", type=int, default=600, help="giới hạn giây cho mỗi ô")
    parser.add_argument("--render-only", action="store_true",
                        help="chỉ viết lại trang .md và hình từ sổ tay đã lưu, không chạy ô nào")
    args = parser.parse_args()
    for path in notebook_paths(args.names):
        if args.render_only:
            notebook_markdown.write(path)
            print(f"Đã viết {path.with_suffix('.md').relative_to(ROOT)}", flush=True)
            continue
        started = time.perf_counter()
        with cpu_lock(LOCK):
            run(path, args.timeout)
        notebook_markdown.write(path)
        seconds = time.perf_counter() - started
        print(f"Đã chạy {path.relative_to(ROOT)} ({seconds:.0f} s) và viết trang "
              f"{path.with_suffix('.md').relative_to(ROOT)}", flush=True)


if __name__ == "__main__":
    main()

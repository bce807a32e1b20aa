"""What the teachers' engines (Gradescope, GitHub Classroom) install and copy.

Both install the package without its dependencies and then only the `grader` extra of
pyproject.toml (the single list of what grading needs), so the site stack stays out of their
images; both copy course parts the same way (no caches, no build leftovers).
"""

import shutil
import sys
from pathlib import Path

from tangtoc import paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "*.egg-info")


def grader_requirements(root: Path | None = None) -> list[str]:
    """The `grader` extra of the course's pyproject.toml: what grading needs and nothing more."""
    project = tomllib.loads(((root or paths.ROOT) / "pyproject.toml").read_text(encoding="utf-8"))
    return list(project["project"]["optional-dependencies"]["grader"])


def copy_part(source: Path, destination: Path) -> None:
    """Copy a course file or folder (without caches); a missing part is skipped."""
    if source.is_dir():
        shutil.copytree(source, destination, ignore=SKIPPED)
    elif source.is_file():
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)

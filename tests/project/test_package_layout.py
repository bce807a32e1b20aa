"""Each job of the package has one module (issue 21): a second copy of /proc scanning, /dev/shm
sweeping, cgroup parsing, prctl, process killing or PYTEST_ADDOPTS filtering cannot come back
unnoticed, and no module grows past 400 lines. The graded tests live apart from the project's
own tests."""

import ast
from pathlib import Path

import pytest

import tangtoc
from tangtoc import catalog, paths

PACKAGE = Path(tangtoc.__file__).resolve().parent
MAX_LINES = 400

# Path literals (string constants in code, not docstrings or comments), what starts them, and
# the module that owns them. Some other modules may use a few exact literals that are no part of
# the job (the sandbox mounts /proc and /dev/shm; the CPU's model name is hardware).
OWNERS = {
    "/proc": ("processes.py", {
        "environment.py": {"/proc/cpuinfo"},
        "measure/bai01.py": {"/proc/cpuinfo"},
        # the sandbox's mount and its own network namespace handle, never another process
        "bubblewrap.py": {"/proc", "/proc/self/task/", "/proc/"},
    }),
    "/dev/shm": ("shm_check.py", {"bubblewrap.py": {"/dev/shm"}}),
    "/sys/fs/cgroup": ("cores.py", {}),
    "cgroup": ("cores.py", {}),  # /proc/self/cgroup, read through tangtoc.processes
    "PYTEST_ADDOPTS": ("graded_run.py", {}),
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring constants (a docstring may name /proc: it is not code)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in skip]


def _owned(literal: str, prefix: str) -> bool:
    """A literal of the job: the name itself, or a path below it."""
    return literal == prefix or literal.startswith(prefix + "/")


@pytest.mark.parametrize("prefix", OWNERS)
def test_one_module_owns_each_job(prefix):
    owner, allowed = OWNERS[prefix]
    strays = []
    for path in _modules():
        name = _name(path)
        if name == owner:
            continue
        for literal in _literals(path):
            if _owned(literal, prefix) and literal not in allowed.get(name, set()):
                strays.append(f"{name}: {literal!r}")
    assert not strays, f"only tangtoc/{owner} may do this; use it instead: {strays}"


def test_the_owners_exist_and_do_the_job():
    """The guard above means something only while the owners hold those literals."""
    for prefix, (owner, _) in OWNERS.items():
        assert any(_owned(literal, prefix) for literal in _literals(PACKAGE / owner)), owner


def test_prctl_is_called_in_one_place():
    strays = []
    for path in _modules():
        if _name(path) == "processes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "prctl" and not (
                    isinstance(node.value, ast.Name) and node.value.id == "processes"):
                strays.append(f"{_name(path)}:{node.lineno}")
    assert not strays, f"call tangtoc.processes.prctl instead: {strays}"


def test_signals_to_end_processes_are_sent_in_one_place():
    """Ending a process tree (its group, its tagged escapees, a cgroup's members) is
    tangtoc.processes' job: os.kill and os.killpg appear nowhere else."""
    strays = []
    for path in _modules():
        if _name(path) == "processes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in ("kill", "killpg")
                    and isinstance(node.value, ast.Name) and node.value.id == "os"):
                strays.append(f"{_name(path)}:{node.lineno}")
    assert not strays, f"call tangtoc.processes instead: {strays}"
    owner = ast.parse((PACKAGE / "processes.py").read_text(encoding="utf-8"))
    assert {node.attr for node in ast.walk(owner) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "os"} >= {"kill", "killpg"}


def test_no_module_is_over_the_limit():
    long = {_name(path): count for path in _modules()
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these by concept (at most {MAX_LINES} lines): {long}"


def test_graded_tests_live_apart_from_the_project_tests():
    """tests/graded/ holds exactly the catalog's graded tests (and their helpers): graders copy
    that folder alone, so no graded test lies elsewhere and no project test lies there."""
    graded = {path.name for path in paths.GRADED.glob("test_*.py")}
    assert graded == {exercise.test_file for exercise in catalog.exercises()}
    strays = [path.relative_to(paths.ROOT).as_posix()
              for path in (paths.ROOT / "tests").rglob("test_bai[0-9][0-9]_*.py")
              if path.parent != paths.GRADED]
    assert not strays, f"graded tests belong in tests/graded/: {strays}"


def test_graded_tests_load_nothing_of_the_project_tests():
    """A grader's copy of tests/graded/ must run alone: no module there imports one of
    tests/project/."""
    project = {path.stem for path in paths.PROJECT_TESTS.glob("*.py")}
    strays = []
    for path in sorted(paths.GRADED.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module
                     else [])
            strays += [f"{path.name}: {name}" for name in names
                       if name.split(".")[0] in project]
    assert not strays, f"move these helpers to tests/graded/: {strays}"

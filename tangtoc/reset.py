"""`tangtoc reset`: put back an exercise's original stub, after backing up the student's file.

Where the original comes from, most reliable first:
1. git: the newest committed version of lessons/<id>.py that still looks untouched (every
   function the student writes raises NotImplementedError), so a student who commits work in
   the course repository does not get their own commit back; failing that (script exercises
   are buggy programs, not NotImplementedError stubs), the file's first committed version.
2. a copy of each stub that the CLI saves in .tangtoc/pristine/ the first time it sees it (the
   README's install command runs `tangtoc serve`, so that is before any work), for copies of
   the course without git (e.g. a downloaded zip); a function stub only while untouched.
Nothing is replaced before the backup has been written and read back, and the stub replaces
the file in one atomic rename, so no step can lose the student's work.
"""

import ast
import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tangtoc import catalog, paths, progress

PRISTINE = paths.STATE / "pristine"
BACKUPS = paths.STATE / "backups"
GIT_HISTORY_LIMIT = 200


class ResetError(Exception):
    """The stub could not be restored; the student's file is unchanged."""


@dataclass
class Restored:
    changed: bool  # False: the file already was the stub
    backup: Path | None  # None when there was nothing to back up
    origin: str  # where the stub came from, in Vietnamese


def reset(exercise: catalog.Exercise) -> Restored:
    stub, origin = original_stub(exercise)
    lesson = paths.LESSONS / exercise.file_name
    current = lesson.read_bytes() if lesson.is_file() else None
    if current == stub:
        return Restored(False, None, origin)
    backup = back_up(exercise, current) if current is not None else None
    _replace_atomically(lesson, stub)
    progress.record_check(exercise.id, None)  # the old verdict was about the old file
    return Restored(True, backup, origin)


def looks_untouched(exercise: catalog.Exercise, source: bytes) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    functions = {node.name: node for node in tree.body
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return bool(exercise.functions) and all(
        name in functions and _raises_not_implemented(functions[name])
        for name in exercise.functions)


def _raises_not_implemented(function: ast.AST) -> bool:
    return any(isinstance(node, ast.Raise) and node.exc is not None
               and "NotImplementedError" in ast.unparse(node.exc) for node in ast.walk(function))


def original_stub(exercise: catalog.Exercise) -> tuple[bytes, str]:
    found = _from_git(exercise)
    if found:
        return found
    saved = PRISTINE / exercise.file_name
    if saved.is_file():
        return saved.read_bytes(), f"bản gốc đã lưu trong {saved}"
    raise ResetError(
        f"không tìm thấy bản gốc của lessons/{exercise.file_name} (thư mục khóa học không phải "
        "kho git và chưa có bản lưu); bài của bạn vẫn nguyên, hãy tải lại riêng tệp này từ kho "
        "mã của khóa học.")


def _git(*args: str) -> bytes | None:
    """git's output in the course folder, or None (no git, not a repository, unknown path)."""
    try:
        finished = subprocess.run(["git", "-C", str(paths.ROOT), *args], capture_output=True,
                                  timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return finished.stdout if finished.returncode == 0 else None


def _from_git(exercise: catalog.Exercise) -> tuple[bytes, str] | None:
    relative = f"./lessons/{exercise.file_name}"  # "./": relative to the course, not the repo
    log = _git("log", f"-n{GIT_HISTORY_LIMIT}", "--format=%h", "--", relative)
    versions = []
    for commit in (log.decode().split() if log else []):  # newest first
        content = _git("show", f"{commit}:{relative}")
        if content is None:
            continue
        if looks_untouched(exercise, content):
            return content, f"git, commit {commit}"
        versions.append((content, commit))
    if versions:
        stub, commit = versions[-1]
        return stub, f"git, commit {commit}: phiên bản đầu tiên của tệp"
    return None


def back_up(exercise: catalog.Exercise, content: bytes) -> Path:
    """Write the student's file under .tangtoc/backups/ and read it back, or raise ResetError."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        BACKUPS.mkdir(parents=True, exist_ok=True)
        for number in range(1000):
            suffix = f"-{number}" if number else ""
            backup = BACKUPS / f"{exercise.id}-{stamp}{suffix}.py"
            with contextlib.suppress(FileExistsError), open(backup, "xb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
                break
        else:
            raise OSError("quá nhiều bản sao lưu trong cùng một giây")
        if backup.read_bytes() != content:
            raise OSError("bản sao lưu đọc lại không khớp")
    except OSError as error:
        raise ResetError(
            f"không ghi được bản sao lưu vào {BACKUPS} ({error}); chưa thay đổi gì, hãy kiểm tra "
            "quyền ghi và dung lượng đĩa rồi chạy lại.") from None
    return backup


def _replace_atomically(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except OSError as error:
        raise ResetError(f"không ghi được {path} ({error}); bài cũ vẫn còn nguyên ở đó và trong "
                         "bản sao lưu.") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def save_untouched_stubs() -> None:
    """Keep a copy of every stub still untouched, for courses without git (best effort)."""
    for exercise in catalog.exercises():
        saved = PRISTINE / exercise.file_name
        lesson = paths.LESSONS / exercise.file_name
        if saved.exists() or not lesson.is_file():
            continue
        with contextlib.suppress(OSError, ResetError):
            content = lesson.read_bytes()
            if exercise.kind == "script" or looks_untouched(exercise, content):
                PRISTINE.mkdir(parents=True, exist_ok=True)
                _replace_atomically(saved, content)

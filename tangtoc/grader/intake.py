"""Intake: turn SUBMISSIONS (one folder or .zip per student) into the exercise files to grade.

Nothing here runs student code and nothing here writes into SUBMISSIONS: recognised files are
read (from the folder or the archive) and copied into the grader's own staging folder. Anything
odd (a broken archive, an empty submission, files with almost-right names) becomes a Vietnamese
note or problem for the report instead of an exception.
"""

import difflib
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tangtoc.catalog import Exercise

MAX_FILE_BYTES = 1 * 2**20  # an exercise module is a few kilobytes; bigger is not a solution
MAX_ARCHIVE_MEMBERS = 5000
IGNORED_PARTS = {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints"}


@dataclass
class Submission:
    student: str  # the student id: the folder or archive name (without .zip)
    source: Path
    files: dict[str, Path] = field(default_factory=dict)  # exercise id -> staged copy
    problem: str = ""  # why nothing can be graded (empty, broken archive…), in Vietnamese
    notes: list[str] = field(default_factory=list)  # what the student should know


def student_id(entry: Path) -> str:
    name = entry.name[:-4] if entry.suffix.lower() == ".zip" and entry.is_file() else entry.name
    return re.sub(r"[^\w.@-]+", "_", name).strip("._") or "khong_ten"


def list_entries(submissions: Path) -> list[Path]:
    """One entry per student: folders and .zip files; hidden files and others are skipped."""
    return sorted(
        (entry for entry in submissions.iterdir()
         if not entry.name.startswith(".")
         and (entry.is_dir() or (entry.is_file() and entry.suffix.lower() == ".zip"))),
        key=lambda entry: entry.name,
    )


def collect(submissions: Path, exercises: tuple[Exercise, ...], staging: Path,
            ) -> list[Submission]:
    """Read every submission into staging/<student>/; never raises for a student's mistake."""
    result: dict[str, Submission] = {}
    for entry in list_entries(submissions):
        student = student_id(entry)
        if student in result:
            result[student].notes.append(
                f"Có hai bài nộp cùng tên «{student}» ({result[student].source.name} và "
                f"{entry.name}): chỉ chấm {result[student].source.name}.")
            continue
        submission = Submission(student, entry)
        result[student] = submission
        read_submission(submission, exercises, staging / student)
    return list(result.values())


def single(folder: Path, student: str, exercises: tuple[Exercise, ...],
           staging: Path) -> Submission:
    """One student's folder graded on its own (Gradescope, GitHub Classroom)."""
    submission = Submission(student, folder)
    read_submission(submission, exercises, staging / student)
    return submission


def read_submission(submission: Submission, exercises: tuple[Exercise, ...],
                    staging: Path) -> None:
    try:
        members = (_zip_members(submission.source) if submission.source.is_file()
                   else _folder_members(submission.source))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        submission.problem = f"Không mở được tệp nén {submission.source.name}: {error}."
        return
    if not members:
        submission.problem = "Bài nộp rỗng: không có tệp nào."
        return
    wanted = {exercise.file_name: exercise for exercise in exercises}
    chosen = _choose(members, wanted, submission.notes)
    staging.mkdir(parents=True, exist_ok=True)
    for name, (relative, read) in chosen.items():
        try:
            data = read()
        except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
            submission.notes.append(f"Không đọc được {relative}: {error}.")
            continue
        if len(data) > MAX_FILE_BYTES:
            submission.notes.append(f"Bỏ qua {relative}: tệp lớn hơn {MAX_FILE_BYTES} byte.")
            continue
        copy = staging / name
        copy.write_bytes(data)
        submission.files[wanted[name].id] = copy
    if not submission.files:
        python_files = sorted(PurePosixPath(m).name for m in members if m.endswith(".py"))
        found = ", ".join(python_files[:8]) or "không có tệp .py nào"
        expected = ", ".join(sorted(wanted))
        submission.problem = (f"Không có tệp bài tập nào đúng tên (tìm thấy: {found}; "
                              f"tên cần có: {expected}).")


def _choose(members: dict[str, object], wanted: dict[str, Exercise],
            notes: list[str]) -> dict[str, tuple[str, object]]:
    """For each exercise file name, the shallowest member with that name; note near misses."""
    chosen: dict[str, tuple[str, object]] = {}
    for relative in sorted(members, key=lambda m: (m.count("/"), m)):
        name = PurePosixPath(relative).name
        if name in wanted and name not in chosen:
            chosen[name] = (relative, members[relative])
        elif name in wanted:
            notes.append(f"Có nhiều tệp {name}; chỉ chấm tệp {chosen[name][0]}.")
        elif name.endswith(".py") and name not in chosen:
            close = difflib.get_close_matches(name, list(wanted), n=1, cutoff=0.75)
            if close:
                notes.append(f"Tệp {relative} không được chấm: tên đúng phải là {close[0]}.")
    return chosen


def _folder_members(folder: Path) -> dict[str, object]:
    """Regular files under folder (symbolic links are not followed: they may point anywhere)."""
    members = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if IGNORED_PARTS.intersection(relative.parts):
            continue
        mode = path.lstat().st_mode
        if stat.S_ISREG(mode):
            members[relative.as_posix()] = path.read_bytes
    return members


def _zip_members(archive: Path) -> dict[str, object]:
    """Regular files inside a zip, read lazily; sizes are checked before reading."""
    with zipfile.ZipFile(archive) as opened:
        infos = opened.infolist()
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise ValueError(f"có quá nhiều tệp ({len(infos)})")
    members = {}
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or IGNORED_PARTS.intersection(path.parts) or _is_symlink(info):
            continue
        members[path.as_posix().lstrip("/")] = _zip_reader(archive, info)
    return members


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _zip_reader(archive: Path, info: zipfile.ZipInfo):
    def read() -> bytes:
        if info.file_size > MAX_FILE_BYTES:
            return b"\0" * (MAX_FILE_BYTES + 1)  # rejected by size without inflating it
        with zipfile.ZipFile(archive) as opened, opened.open(info) as member:
            return member.read(MAX_FILE_BYTES + 1)  # a lying header cannot inflate more
    return read


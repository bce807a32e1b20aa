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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath

from tangtoc.catalog import Exercise

MAX_FILE_BYTES = 1 * 2**20  # an exercise module is a few kilobytes; bigger is not a solution
MAX_ARCHIVE_MEMBERS = 5000
MAX_DIRECTORY_BYTES = MAX_ARCHIVE_MEMBERS * 1024  # ≥ 46 bytes an entry, plus its name
MAX_FOLDER_FILES = 20_000  # files looked at in one student's folder
IGNORED_PARTS = {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints"}
RESERVED_IDS = {"grades.csv"}  # names of the grader's own files in OUT
END_OF_CENTRAL_DIRECTORY, ZIP64_END, ZIP64_LOCATOR = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Member:
    """A file of a submission: its size as declared, and how to read it (at most
    MAX_FILE_BYTES + 1 bytes, whatever the declared size says)."""

    size: int
    read: Callable[[], bytes]


@dataclass
class Submission:
    student: str  # the student id: the folder or archive name (without .zip)
    source: Path
    files: dict[str, Path] = field(default_factory=dict)  # exercise id -> staged copy
    problem: str = ""  # why nothing can be graded (empty, broken archive…), in Vietnamese
    notes: list[str] = field(default_factory=list)  # what the student should know


def student_id(entry: Path) -> str:
    name = entry.name[:-4] if entry.suffix.lower() == ".zip" and entry.is_file() else entry.name
    name = re.sub(r"[^\w.@-]+", "_", name).strip("._") or "khong_ten"
    return f"{name}_sv" if name.lower() in RESERVED_IDS else name


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
        try:
            read_submission(submission, exercises, staging / student)
        except Exception as error:  # one odd entry must never abort the batch
            submission.files.clear()
            submission.problem = f"Không chấm được bài này: {type(error).__name__}: {error}."
    return [printable(submission) for submission in result.values()]


def single(folder: Path, student: str, exercises: tuple[Exercise, ...],
           staging: Path) -> Submission:
    """One student's folder graded on its own (Gradescope, GitHub Classroom)."""
    submission = Submission(student, folder)
    read_submission(submission, exercises, staging / student)
    return printable(submission)


def printable(submission: Submission) -> Submission:
    """Its notes and problem, which quote the student's file names, made safe to print and to
    write as UTF-8: a name that is not UTF-8 (a lone surrogate here) once aborted the writing
    of every report, and control characters could rewrite the teacher's terminal."""
    submission.notes = [safe_text(note) for note in submission.notes]
    submission.problem = safe_text(submission.problem)
    return submission


def safe_text(text: str) -> str:
    escaped = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return CONTROL_CHARACTERS.sub(lambda found: f"\\x{ord(found.group()):02x}", escaped)


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
    for name, (relative, member) in chosen.items():
        if member.size > MAX_FILE_BYTES:
            submission.notes.append(f"Bỏ qua {relative}: tệp lớn hơn {MAX_FILE_BYTES} byte.")
            continue
        try:
            data = member.read()
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


def _choose(members: dict[str, Member], wanted: dict[str, Exercise],
            notes: list[str]) -> dict[str, tuple[str, Member]]:
    """For each exercise file name, the shallowest member with that name; note near misses."""
    chosen: dict[str, tuple[str, Member]] = {}
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


def _folder_members(folder: Path) -> dict[str, Member]:
    """Regular files under folder (symbolic links are not followed: they may point anywhere)."""
    members = {}
    for count, path in enumerate(folder.rglob("*")):
        if count >= MAX_FOLDER_FILES:
            raise ValueError(f"thư mục có quá nhiều tệp (hơn {MAX_FOLDER_FILES})")
        relative = path.relative_to(folder)
        if IGNORED_PARTS.intersection(relative.parts):
            continue
        status = path.lstat()
        if stat.S_ISREG(status.st_mode):
            members[relative.as_posix()] = Member(status.st_size, partial(_read_head, path))
    return members


def _read_head(path: Path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read(MAX_FILE_BYTES + 1)


def _zip_members(archive: Path) -> dict[str, Member]:
    """Regular files inside a zip, read lazily; the entry count and the size of the central
    directory are read from the end of the archive before that directory is parsed (a zip can
    declare one entry and hold millions: 1.5 GB of memory for a 159 MB archive), and sizes are
    checked before reading."""
    entries, directory_bytes = _central_directory(archive)
    if entries > MAX_ARCHIVE_MEMBERS:
        raise ValueError(f"có quá nhiều tệp ({entries})")
    if directory_bytes > MAX_DIRECTORY_BYTES:
        raise ValueError(f"danh mục của tệp nén quá lớn ({directory_bytes} byte): có quá "
                         "nhiều tệp")
    with zipfile.ZipFile(archive) as opened:
        infos = opened.infolist()
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise ValueError(f"có quá nhiều tệp ({len(infos)})")
    members = {}
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or IGNORED_PARTS.intersection(path.parts) or _is_symlink(info):
            continue
        members[path.as_posix().lstrip("/")] = Member(info.file_size, _zip_reader(archive, info))
    return members


def _central_directory(archive: Path) -> tuple[int, int]:
    """The total entry count and the size in bytes of the central directory, from the
    end-of-central-directory record (the zip format's last 22 bytes, after a comment of at most
    65 535), or from its ZIP64 record when that says 0xFFFF / 0xFFFFFFFF."""
    with open(archive, "rb") as stream:
        stream.seek(0, 2)
        stream.seek(max(0, stream.tell() - 22 - 65535))
        tail = stream.read()
        found = tail.rfind(END_OF_CENTRAL_DIRECTORY)
        if found < 0 or len(tail) < found + 16:
            raise zipfile.BadZipFile("không phải tệp zip")
        count = int.from_bytes(tail[found + 10:found + 12], "little")
        size = int.from_bytes(tail[found + 12:found + 16], "little")
        locator = tail.rfind(ZIP64_LOCATOR, 0, found)
        if (count == 0xFFFF or size == 0xFFFFFFFF) and locator >= 0:
            stream.seek(int.from_bytes(tail[locator + 8:locator + 16], "little"))
            record = stream.read(48)
            if record[:4] == ZIP64_END:
                count = int.from_bytes(record[32:40], "little")
                size = int.from_bytes(record[40:48], "little")
    return count, size


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _zip_reader(archive: Path, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        with zipfile.ZipFile(archive) as opened, opened.open(info) as member:
            return member.read(MAX_FILE_BYTES + 1)  # a lying header cannot inflate more
    return read


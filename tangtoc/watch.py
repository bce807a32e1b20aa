"""`tangtoc watch`: rustlings' loop. Check the current exercise, re-check it whenever its file is
saved, and move on to the next exercise once it passes.

Saving is detected by polling the file's modification time and size (stdlib only, works the same
on every OS and editor); a change counts once the file has stayed the same for SETTLE_SECONDS,
because editors often save in several writes. Keys typed while watching (then Enter) are read
from the raw standard input, as rustlings' watch mode has them: g hint, r check again, n next
exercise, l list, x reset the file to its stub, q quit. What the check says to do next is said
for watch (save, press a key), never "type tangtoc check", which watch already runs.
"""

import os
import queue
import threading
import time
from pathlib import Path

from tangtoc import catalog, checking, hints, paths, progress, reset, spinner
from tangtoc.graded_run import GradedRunError
from tangtoc.records import CourseError

POLL_SECONDS = 0.25
SETTLE_SECONDS = 0.5
GOODBYE = "Đã dừng theo dõi; tiến độ đã được lưu, gõ «tangtoc watch» để làm tiếp. Tạm biệt!"
KEYS = ("Phím (gõ rồi Enter): g gợi ý · r kiểm tra lại · n bài tiếp theo · l danh sách bài · "
        "x đưa tệp về bản gốc · q thoát (hoặc Ctrl+C).")
# What checking tells a student at the command line → what it means in watch mode, where the
# check runs again on every save and hints are a key away.
WATCH_WORDING = [
    ("rồi chạy lại khi máy đang rảnh", "rồi gõ r (Enter) để đo lại khi máy đang rảnh"),
    ("lưu tệp rồi chạy lại «tangtoc check {id}»", "lưu tệp là bài được kiểm tra lại ngay"),
    ("lưu tệp rồi chạy lại", "lưu tệp là bài được kiểm tra lại ngay"),
    ("sửa bài rồi chạy lại", "sửa bài và lưu tệp là bài được kiểm tra lại ngay"),
    ("rồi chạy lại", "rồi lưu tệp để kiểm tra lại"),
    ("gõ lại «tangtoc hint {id}»", "gõ g (Enter) lần nữa"),
    ("gõ «tangtoc hint {id}»", "gõ g (Enter)"),
    ("«tangtoc hint {id}»", "phím g"),
    ("bằng «tangtoc reset {id}»", "bằng phím x (gõ x rồi Enter)"),
    ("tangtoc hint {id}", "phím g"),  # a stub's NotImplementedError message says it bare
]


def watch(exercise: catalog.Exercise | None = None) -> int:
    exercise = exercise or progress.current_exercise()
    typed = _typed_lines()
    print("Chế độ theo dõi: mỗi lần bạn lưu tệp bài làm, bài được kiểm tra lại ngay.", KEYS,
          sep="\n", flush=True)
    check = True
    while True:
        path = paths.LESSONS / exercise.file_name
        if check:
            print(f"\n━━ {exercise.id}: {exercise.title} ({path})", flush=True)
            checked = _read(path)
            outcome = _check(exercise)
            if outcome is not None and outcome.status in progress.MOVED_ON:
                following = progress.next_exercise_after(exercise)
                if following is None:
                    print("🎉 Bạn đã làm xong mọi bài tập hiện có!")
                    return 0
                print(f"Chuyển sang bài tiếp theo: {following.id} ({following.title}).",
                      flush=True)
                exercise = following
                continue
            print(f"Đang chờ bạn sửa và lưu {path.name}… ({KEYS.split(': ', 1)[1]})",
                  flush=True)
        action = _wait_for_save(exercise, path, checked, typed)
        check = True
        if action == "quit":
            print(GOODBYE)
            return 0
        if action == "next":
            following = _following(exercise)
            if following is None:
                print("Không còn bài nào khác chưa đạt; vẫn theo dõi bài này.", flush=True)
                check = False
                continue
            print(f"Bỏ qua {exercise.id}, sang bài {following.id} ({following.title}).",
                  flush=True)
            exercise = following


def _following(exercise: catalog.Exercise) -> catalog.Exercise | None:
    """The next exercise not passed yet, in catalog order (wrapping round)."""
    found = progress.next_exercise_after(exercise)
    return found if found is not None and found != exercise else None


def for_watch(text: str, exercise: catalog.Exercise) -> str:
    """A checking message as it reads in watch mode (WATCH_WORDING)."""
    for command_line, in_watch in WATCH_WORDING:
        text = text.replace(command_line.format(id=exercise.id), in_watch)
    return text


def _check(exercise: catalog.Exercise) -> checking.Outcome | None:
    """Check and print the verdict; a course-side problem is reported, and watching goes on."""
    try:
        outcome = checking.check(exercise, paths.LESSONS, show=spinner.show)
    except (GradedRunError, CourseError) as error:
        print(f"Lỗi: {error}")
        return None
    progress.record_check(exercise.id, outcome.status)
    print(for_watch("\n".join(checking.report_lines(outcome)), exercise), flush=True)
    return outcome


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _wait_for_save(exercise: catalog.Exercise, path: Path, checked: bytes | None,
                   typed: queue.Queue) -> str:
    """"saved" once the file's content has changed and settled; "rerun", "next" or "quit" when
    the student presses r, n or q. g (or h), l and x are answered here."""
    seen, changed_at, warned_missing = _signature(path), None, False
    while True:
        time.sleep(POLL_SECONDS)
        while not typed.empty():
            command = typed.get().strip().lower()
            action = {"q": "quit", "r": "rerun", "n": "next"}.get(command)
            if action:
                return action
            if command in ("g", "h"):
                print(for_watch("\n".join(hints.hint_lines(exercise)), exercise), flush=True)
            elif command == "l":
                _list()
            elif command == "x":
                _reset(exercise)
            elif command:
                print(f"Không có phím «{command}». {KEYS}", flush=True)
        now = _signature(path)
        if now != seen:
            seen, changed_at = now, time.monotonic()
            continue
        if changed_at is None or time.monotonic() - changed_at < SETTLE_SECONDS:
            continue
        changed_at = None
        if now is None:
            if not warned_missing:
                print(f"Không thấy tệp {path} nữa; nếu lỡ xóa, gõ x rồi Enter để khôi phục "
                      "bản gốc.", flush=True)
                warned_missing = True
            continue
        if _read(path) != checked:  # a save without changes (or a touch) needs no re-check
            return "saved"


def _list() -> None:
    from tangtoc import commands  # the command line's own list (commands imports this module)

    commands.cmd_list(None)
    print(KEYS, flush=True)


def _reset(exercise: catalog.Exercise) -> None:
    """The file back to its stub (after a backup, as `tangtoc reset`); the change is then seen
    as a save and checked."""
    try:
        restored = reset.reset(exercise)
    except reset.ResetError as error:
        print(f"Lỗi: {error}", flush=True)
        return
    if restored.backup is not None:
        print(f"Đã sao lưu bài của bạn vào {restored.backup}; lessons/{exercise.file_name} đã "
              f"trở lại bản gốc ({restored.origin}).", flush=True)
    else:
        print(f"lessons/{exercise.file_name} đã là bản gốc; không có gì phải thay đổi.",
              flush=True)


def _typed_lines() -> queue.Queue:
    """Lines the student types, read with os.read so the reader never holds a stdin lock."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        pending = b""
        while True:
            try:
                chunk = os.read(0, 1024)
            except OSError:
                return
            if not chunk:
                return
            *complete, pending = (pending + chunk).split(b"\n")
            for line in complete:
                lines.put(line.decode("utf-8", "replace"))

    threading.Thread(target=read, daemon=True).start()
    return lines

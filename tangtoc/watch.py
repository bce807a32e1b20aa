"""`tangtoc watch`: rustlings' loop. Check the current exercise, re-check it whenever its file is
saved, and move on to the next exercise once it passes.

Saving is detected by polling the file's modification time and size (stdlib only, works the same
on every OS and editor); a change counts once the file has stayed the same for SETTLE_SECONDS,
because editors often save in several writes. Lines typed while watching are read from the raw
standard input: "g" shows a hint, "q" quits.
"""

import os
import queue
import threading
import time
from pathlib import Path

from tangtoc import catalog, checking, hints, paths, progress, spinner
from tangtoc.graded_run import GradedRunError
from tangtoc.speed import CourseError

POLL_SECONDS = 0.25
SETTLE_SECONDS = 0.5
GOODBYE = "Đã dừng theo dõi; tiến độ đã được lưu, gõ «tangtoc watch» để làm tiếp. Tạm biệt!"


def watch(exercise: catalog.Exercise | None = None) -> int:
    exercise = exercise or progress.current_exercise()
    typed = _typed_lines()
    print("Chế độ theo dõi: mỗi lần bạn lưu tệp bài làm, bài được kiểm tra lại ngay. "
          "Gõ g rồi Enter để xem gợi ý; q rồi Enter (hoặc Ctrl+C) để thoát.", flush=True)
    while True:
        path = paths.LESSONS / exercise.file_name
        print(f"\n━━ {exercise.id}: {exercise.title} ({path})", flush=True)
        checked = _read(path)
        outcome = _check(exercise)
        if outcome is not None and outcome.status in progress.MOVED_ON:
            following = progress.next_exercise_after(exercise)
            if following is None:
                print("🎉 Bạn đã làm xong mọi bài tập hiện có!")
                return 0
            print(f"Chuyển sang bài tiếp theo: {following.id} ({following.title}).", flush=True)
            exercise = following
            continue
        print(f"Đang chờ bạn sửa và lưu {path.name}…", flush=True)
        if not _wait_for_save(exercise, path, checked, typed):
            print(GOODBYE)
            return 0


def _check(exercise: catalog.Exercise) -> checking.Outcome | None:
    """Check and print the verdict; a course-side problem is reported, and watching goes on."""
    try:
        outcome = checking.check(exercise, paths.LESSONS, show=spinner.show)
    except (GradedRunError, CourseError) as error:
        print(f"Lỗi: {error}")
        return None
    progress.record_check(exercise.id, outcome.status)
    print("\n".join(checking.report_lines(outcome)), flush=True)
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
                   typed: queue.Queue) -> bool:
    """True once the file's content has changed and settled; False when the student quits."""
    seen, changed_at, warned_missing = _signature(path), None, False
    while True:
        time.sleep(POLL_SECONDS)
        while not typed.empty():
            command = typed.get().strip().lower()
            if command == "q":
                return False
            if command in ("g", "h"):
                print("\n".join(hints.hint_lines(exercise)), flush=True)
        now = _signature(path)
        if now != seen:
            seen, changed_at = now, time.monotonic()
            continue
        if changed_at is None or time.monotonic() - changed_at < SETTLE_SECONDS:
            continue
        changed_at = None
        if now is None:
            if not warned_missing:
                print(f"Không thấy tệp {path} nữa; nếu lỡ xóa, khôi phục bản gốc bằng "
                      f"«tangtoc reset {exercise.id}».", flush=True)
                warned_missing = True
            continue
        if _read(path) != checked:  # a save without changes (or a touch) needs no re-check
            return True


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

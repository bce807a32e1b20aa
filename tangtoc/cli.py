"""`tangtoc`: the student's command line (list, check, hint, doctor, serve), in Vietnamese."""

import argparse
import os
import subprocess
import sys

from tangtoc import catalog, doctor, paths, progress
from tangtoc.graded_run import GradedRunError, run_graded_tests
from tangtoc.speed import CourseError, measured_phrase

STATUS_MARKS = {"passed": "✔", "failed": "✘", "untimed": "⚠"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tangtoc",
                                     description="Công cụ của khóa học Tăng tốc Python.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    commands.add_parser("list", help="danh sách bài tập và tiến độ")
    check = commands.add_parser("check", help="kiểm tra một bài: đúng kết quả và tăng tốc thật")
    check.add_argument("id", nargs="?", help="mã bài tập (mặc định: bài đầu tiên chưa đạt)")
    check.add_argument("--target", default="lessons",
                       help="thư mục bài làm: lessons (mặc định), solutions hoặc một đường dẫn")
    hint = commands.add_parser("hint", help="xem gợi ý tiếp theo của một bài")
    hint.add_argument("id")
    commands.add_parser("doctor", help="kiểm tra máy: số lõi, phương thức khởi động, GIL…")
    serve = commands.add_parser("serve", help="mở trang khóa học trên máy (mkdocs serve)")
    serve.add_argument("--addr", default="127.0.0.1:8000",
                       help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    if args.command != "doctor" and not paths.LESSONS.is_dir():
        print(f"Lỗi: không tìm thấy thư mục khóa học (cần {paths.LESSONS}). Hãy cài bằng "
              "«pip install -e .» ngay trong thư mục kho mã đã sao chép về.", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except (catalog.UnknownExercise, FileNotFoundError, GradedRunError, CourseError) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired:
        print("Lỗi: bài kiểm tra chạy quá lâu và đã bị dừng; hãy xem bài của bạn có bị treo "
              "(chờ mãi) không.", file=sys.stderr)
        return 2


def cmd_list(args) -> int:
    checks = progress.load().get("checks", {})
    exercises = catalog.exercises()
    done = sum(checks.get(e.id) == "passed" for e in exercises)
    print(f"Tiến độ: {done}/{len(exercises)} bài đạt  (✔ đạt · ✘ chưa đạt · ⚠ đúng nhưng "
          "chưa đo được tốc độ · «·» chưa kiểm tra)")
    for exercise in exercises:
        mark = STATUS_MARKS.get(checks.get(exercise.id), "·")
        print(f"{mark} {exercise.id:<24} {exercise.title}  (bài giảng: docs/{exercise.lesson})")
    return 0


def cmd_check(args) -> int:
    exercise = catalog.get(args.id) if args.id else _current_exercise()
    target = paths.resolve_target(args.target)
    print(f"Đang kiểm tra {exercise.id} ({target / exercise.file_name})…", flush=True)
    own_work = target == paths.LESSONS  # progress is about the student's files only
    records = run_graded_tests(exercise, target, "not speed")
    failures = [r for r in records if r["outcome"] != "passed"]
    if failures:
        return _finish(exercise, own_work, "failed", f"chưa đúng ({len(records) - len(failures)}/"
                       f"{len(records)} bài kiểm tra đạt).", _failure_lines(failures))
    if exercise.kind != "speed":
        return _finish(exercise, own_work, "passed", "đúng kết quả.")
    print("Đúng kết quả. Đang đo tốc độ trên nhiều lõi (mất khoảng 10–40 giây)…", flush=True)
    speed = run_graded_tests(exercise, target, "speed")
    failures = [r for r in speed if r["outcome"] in ("failed", "error")]
    skipped = [r for r in speed if r["outcome"] == "skipped"]
    course_errors = [r["properties"]["course_error"] for r in speed
                     if "course_error" in r["properties"]]
    if course_errors:  # our baseline failed: say so, and record nothing against the student
        raise CourseError(f"lỗi của khóa học, không phải lỗi của bạn: {course_errors[0]}")
    if failures:
        message = failures[0]["message"]
        verdict = ("đúng kết quả; nhưng " + message if message.startswith("chỉ tăng tốc")
                   else "đúng trên các bài kiểm tra nhỏ; nhưng khi đo tốc độ, " + message)
        return _finish(exercise, own_work, "failed", verdict)
    if skipped:
        return _finish(exercise, own_work, "untimed", "đúng kết quả; " + skipped[0]["message"])
    phrases = "; ".join(measured_phrase(r["properties"]["speed"]) for r in speed)
    return _finish(exercise, own_work, "passed", "đúng kết quả; " + phrases)


def _failure_lines(failures: list[dict]) -> list[str]:
    """One line per distinct failure message, naming the tests that gave it."""
    by_message: dict[str, list[str]] = {}
    for record in failures:
        message = record["message"].strip().split("\n")[0]
        by_message.setdefault(message, []).append(record["nodeid"].split("::")[-1])
    lines = []
    for message, tests in list(by_message.items())[:5]:
        names = tests[0] if len(tests) == 1 else f"{len(tests)} bài kiểm tra ({tests[0]}, …)"
        lines.append(f"  - {names}: {message or 'không có thông báo'}")
    if len(by_message) > 5:
        lines.append(f"  … và {len(by_message) - 5} lỗi khác.")
    return lines


def _finish(exercise: catalog.Exercise, own_work: bool, status: str, verdict: str,
            details=()) -> int:
    if own_work:
        progress.record_check(exercise.id, status)
    print(f"{STATUS_MARKS[status]} {exercise.id}: {verdict}")
    for line in details:
        print(line)
    if status == "failed":
        print(f"Gợi ý: chạy «tangtoc hint {exercise.id}»; bài giảng: docs/{exercise.lesson}")
        return 1
    if not own_work:
        return 0
    following = _next_exercise_after(exercise)
    print(f"Bài tiếp theo: {following.id} ({following.title})." if following
          else "Bạn đã làm xong mọi bài tập hiện có!")
    return 0


def _pending_exercises() -> list[catalog.Exercise]:
    """Exercises not passed yet, in course order."""
    checks = progress.load().get("checks", {})
    return [e for e in catalog.exercises() if checks.get(e.id) != "passed"]


def _current_exercise() -> catalog.Exercise:
    """The first exercise not passed yet (rustlings' idea of 'the current exercise')."""
    return (_pending_exercises() or catalog.exercises())[0]


def _next_exercise_after(exercise: catalog.Exercise) -> catalog.Exercise | None:
    """The first exercise after this one that is not passed yet."""
    order = [e.id for e in catalog.exercises()]
    later = (e for e in _pending_exercises() if order.index(e.id) > order.index(exercise.id))
    return next(later, None)


def cmd_hint(args) -> int:
    exercise = catalog.get(args.id)
    number = progress.next_hint_number(exercise.id, len(exercise.hints))
    print(f"Gợi ý {number}/{len(exercise.hints)} cho {exercise.id}: {exercise.hints[number - 1]}")
    if number == len(exercise.hints):
        print("Đây là gợi ý cuối cùng.")
    print(f"Đọc thêm: docs/{exercise.lesson} (khi đang chạy «tangtoc serve»: "
          f"http://127.0.0.1:8000/{exercise.lesson_url}).")
    return 0


def cmd_doctor(args) -> int:
    for line in doctor.report_lines():
        print(line)
    return 0


def cmd_serve(args) -> int:
    print(f"Mở http://{args.addr}/ trong trình duyệt (Ctrl+C để dừng).", flush=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.addr]
    os.chdir(paths.ROOT)
    if os.name == "posix":  # become the server, so Ctrl+C or a kill reaches it directly
        os.execv(sys.executable, command)
    return subprocess.call(command)


COMMANDS = {"list": cmd_list, "check": cmd_check, "hint": cmd_hint, "doctor": cmd_doctor,
            "serve": cmd_serve}

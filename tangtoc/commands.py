"""The functions of the student commands of `tangtoc` (the parser and the error handling
live in tangtoc.cli): each takes the parsed arguments and returns the exit code."""

import difflib
import os
import socket
import subprocess
import sys
from pathlib import Path

from tangtoc import (
    catalog,
    checking,
    doctor,
    hints,
    paths,
    progress,
    quiz,
    quiz_terminal,
    reset,
    spinner,
    watch,
)
from tangtoc.records import CourseError, Status


class StudentError(Exception):
    """A problem the student can fix; the message is one Vietnamese sentence."""


def _exercise(args) -> catalog.Exercise:
    """The exercise named on the command line (an id or its file), else the current one."""
    if not args.id:
        return progress.current_exercise()
    wanted = Path(args.id).stem if args.id.endswith(".py") else args.id
    try:
        return catalog.get(wanted)
    except catalog.UnknownExercise:
        ids = [e.id for e in catalog.exercises()]
        close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.4)
        if close:
            raise StudentError(f"không có bài tập «{wanted}»; có phải ý bạn là «tangtoc "
                               f"{args.command} {close[0]}»?") from None
        raise StudentError(f"không có bài tập «{wanted}»; xem mã của mọi bài bằng «tangtoc "
                           "list».") from None


def cmd_list(args) -> int:
    recorded = progress.checks()
    exercises = catalog.exercises()
    current = progress.current_exercise()
    done = sum(recorded.get(e.id) == Status.PASSED for e in exercises)
    print(f"Tiến độ: {done}/{len(exercises)} bài đạt; bài đang làm: {current.id}.")
    print("(✔ đạt · ✘ chưa đạt · ⚠ đúng nhưng máy này không đo được tốc độ · «·» chưa kiểm tra"
          " · – cần Python mới hơn · ➜ bài đang làm)")
    lessons: dict[str, list[catalog.Exercise]] = {}
    for exercise in exercises:
        lessons.setdefault(exercise.lesson, []).append(exercise)
    width = max(len(e.id) for e in exercises)
    for lesson, group in lessons.items():
        passed = sum(recorded.get(e.id) == Status.PASSED for e in group)
        print(f"\n{catalog.lesson_title(lesson)}: {passed}/{len(group)} đạt (docs/{lesson})")
        for exercise in group:
            pointer = "➜" if exercise == current else " "
            kind = catalog.KIND_LABELS.get(exercise.kind, exercise.kind)
            needs = f", {exercise.needs}" if not exercise.available else ""
            print(f" {pointer} {progress.mark(exercise)} {exercise.id:<{width}}  "
                  f"{exercise.title} [{kind}{needs}]")
    print("\n".join(_quiz_lines()))
    return 0


def _quiz_lines() -> list[str]:
    """The quizzes' scores for `tangtoc list`: last score and best, or not taken yet."""
    scores = progress.quiz_scores()
    quizzes = quiz.quizzes()
    full = sum(scores.get(q.name, {}).get("best") == len(q.questions) for q in quizzes)
    lines = [f"\nTrắc nghiệm: {full}/{len(quizzes)} bài đạt điểm tối đa (làm bằng «tangtoc quiz "
             "BÀI»; ✔ điểm tối đa · «·» chưa làm)"]
    width = max(len(q.name) for q in quizzes)
    for found in quizzes:
        total = len(found.questions)
        score = scores.get(found.name)
        if score is None:
            lines.append(f"   · {found.name:<{width}}  chưa làm ({total} câu)")
            continue
        mark = "✔" if score["best"] == total else " "
        lines.append(f"   {mark} {found.name:<{width}}  lần cuối {score['score']}/{total}, "
                     f"cao nhất {score['best']}/{total}")
    return lines


def cmd_check(args) -> int:
    if args.all and args.id:
        raise StudentError("hãy chọn một trong hai: «tangtoc check ID» cho một bài, hoặc "
                           "«tangtoc check --all» cho mọi bài.")
    target = _target(args.target)
    if args.all:
        return _check_all(target)
    exercise = _exercise(args)
    own_work = target == paths.LESSONS  # progress is about the student's files only
    print(f"Kiểm tra {exercise.id} ({target / exercise.file_name})", flush=True)
    if args.verbose:  # pytest's output as it is, then the verdict; no spinner between them
        outcome = checking.check(exercise, target, echo=sys.stdout)
    else:
        outcome = checking.check(exercise, target, show=spinner.show)
    if own_work:
        progress.record_check(exercise.id, outcome.status)
    print("\n".join(checking.report_lines(outcome)))
    if outcome.status == Status.FAILED:
        if not args.verbose:
            print(f"(Toàn bộ đầu ra của pytest, kèm traceback đầy đủ: «tangtoc check "
                  f"{exercise.id} -v».)")
        return 1
    if own_work and outcome.status != Status.UNAVAILABLE:
        following = progress.next_exercise_after(exercise)
        print(f"Bài tiếp theo: {following.id} ({following.title}); mở lessons/"
              f"{following.file_name} hoặc gõ «tangtoc watch»." if following
              else "Bạn đã làm xong mọi bài tập hiện có!")
    return 0


def _target(name: str) -> Path:
    try:
        return paths.resolve_target(name)
    except FileNotFoundError:
        raise StudentError(f"không tìm thấy thư mục bài làm «{name}»; hãy kiểm tra đường dẫn sau "
                           "--target.") from None


def _check_all(target: Path) -> int:
    exercises = catalog.exercises()
    rows, statuses = [], []
    for number, exercise in enumerate(exercises, start=1):
        print(f"[{number}/{len(exercises)}] {exercise.id}", flush=True)
        try:
            outcome = checking.check(exercise, target, show=spinner.show)
        except CourseError as error:
            rows.append((exercise.id, "?", "?", f"lỗi khóa học: {error}"))
            statuses.append(Status.ERROR)
            continue
        if target == paths.LESSONS:
            progress.record_check(exercise.id, outcome.status)
        print("\n".join(checking.report_lines(outcome)[:1]), flush=True)
        correct = {True: "✔", False: "✘", None: "–"}[outcome.correct]
        speed = outcome.speed or ("—" if exercise.kind != "speed" else "chưa đo")
        result = {Status.PASSED: "✔ đạt", Status.FAILED: "✘ chưa đạt",
                  Status.UNTIMED: "⚠ chưa đo được", Status.UNAVAILABLE: f"– {exercise.needs}"}
        rows.append((exercise.id, correct, speed, result[outcome.status]))
        statuses.append(outcome.status)
    _print_table(("Bài tập", "Đúng", "Tốc độ (đo/cần)", "Kết quả"), rows)
    print(f"Tổng: {statuses.count(Status.PASSED)}/{len(rows)} bài đạt.")
    return 0 if not {Status.FAILED, Status.ERROR} & set(statuses) else 1


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    print()
    for row in (header, tuple("─" * w for w in widths), *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def cmd_watch(args) -> int:
    try:
        return watch.watch(_exercise(args) if args.id else None)
    except KeyboardInterrupt:
        print(f"\n{watch.GOODBYE}")
        return 0


def cmd_hint(args) -> int:
    print("\n".join(hints.hint_lines(_exercise(args))))
    return 0


def cmd_solution(args) -> int:
    """rustlings' rule: the reference solution only once the student's own version passes."""
    exercise = _exercise(args)
    if not paths.HAS_SOLUTIONS:
        raise StudentError("kho này là kho bài tập của lớp nên không kèm lời giải tham khảo; "
                           "hãy hỏi giáo viên của bạn.")
    status = progress.checks().get(exercise.id)
    if status != Status.PASSED:
        reason = {
            Status.UNTIMED: "bài của bạn đúng kết quả nhưng máy này không đo được tốc độ, nên chưa "
                       "tính là đạt; hãy kiểm tra lại trên máy có từ 2 lõi trở lên",
            Status.FAILED: "lần kiểm tra gần nhất bài của bạn chưa đạt",
        }.get(status, "bài này chưa được kiểm tra lần nào")
        raise StudentError(f"chỉ xem được lời giải tham khảo của {exercise.id} sau khi bài của "
                           f"bạn đạt: {reason}. Chạy «tangtoc check {exercise.id}» khi đã làm "
                           "xong.")
    source = paths.SOLUTIONS / exercise.file_name
    print(f"Lời giải tham khảo của {exercise.id} (solutions/{exercise.file_name}); bài của bạn "
          f"đã đạt, hãy so sánh với lessons/{exercise.file_name}:\n")
    print(source.read_text(encoding="utf-8"))
    return 0


def cmd_reset(args) -> int:
    exercise = _exercise(args)
    lesson = paths.LESSONS / exercise.file_name
    restored = reset.reset(exercise)
    if not restored.changed:
        print(f"lessons/{exercise.file_name} đã là bản gốc ({restored.origin}); không có gì "
              "phải thay đổi.")
        return 0
    if restored.backup is not None:
        print(f"Đã sao lưu bài của bạn vào {restored.backup}")
    print(f"lessons/{exercise.file_name} đã trở lại bản gốc ({restored.origin}).")
    if restored.backup is not None:
        print(f"Muốn lấy lại bài cũ: chép tệp sao lưu ở trên đè lên {lesson}.")
    return 0


def cmd_quiz(args) -> int:
    chosen = quiz_terminal.pick(args.lesson)
    if not chosen:
        names = ", ".join(q.name for q in quiz.quizzes())
        raise StudentError(f"không có bài trắc nghiệm «{args.lesson}»; hãy chọn một trong: "
                           f"{names}.")
    try:
        for number, found in enumerate(chosen):
            if number:
                print()
            quiz_terminal.run(found)
    except quiz_terminal.QuizStopped:
        print("\nĐã dừng trắc nghiệm; bài dở không được ghi điểm.")
    return 0


def cmd_measure(args) -> int:
    # Imported here: it draws with matplotlib, which the grader-only install (Classroom,
    # Gradescope) lacks, and a spawn child of `tangtoc measure` re-imports this module.
    from tangtoc.measure import run as measuring

    try:
        lesson = measuring.lesson_name(args.lesson)
    except measuring.MeasureError as error:
        raise StudentError(str(error)) from None
    target = None
    if args.target:
        if lesson != "bai04":
            raise StudentError("--target chỉ dùng cho bai04 (đo bài đếm từ của bạn); hãy bỏ "
                               "--target.")
        target = _target(args.target)
    if lesson == "bai04" and not ((target or paths.SOLUTIONS) / "bai04_dem_tu.py").is_file():
        raise StudentError("phép đo bai04 cần thư mục khóa học (lời giải bai04_dem_tu.py); hãy "
                           "chạy lệnh trong thư mục đã clone khóa học, hoặc đặt TANGTOC_ROOT.")
    print(f"Đo {lesson} trên máy của bạn (Ctrl+C để dừng)…", flush=True)
    try:
        report = measuring.measure(lesson, args.quick, args.out, target)
    except measuring.MeasureError as error:
        raise StudentError(str(error)) from None
    print(report.text)
    return 0


def cmd_doctor(args) -> int:
    for line in doctor.report_lines():
        print(line)
    return 0


def cmd_serve(args) -> int:
    _require_free_address(args.addr)
    print(f"Mở http://{args.addr}/ trong trình duyệt (Ctrl+C để dừng).", flush=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.addr]
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life notice: nothing to do for
    os.chdir(paths.ROOT)  # a student (the site also builds with Zensical, see README)
    if os.name == "posix":  # become the server, so Ctrl+C or a kill reaches it directly
        os.execv(sys.executable, command)
    return subprocess.call(command)


def _require_free_address(address: str) -> None:
    """Refuse, in Vietnamese, an address another program already listens on (mkdocs would
    print an English traceback), and say what to do instead."""
    host, _, port = address.rpartition(":")
    try:
        with socket.socket() as probe:
            probe.bind((host or "127.0.0.1", int(port)))
    except ValueError:
        raise StudentError(f"địa chỉ «{address}» không đúng dạng địa_chỉ:cổng, ví dụ "
                           "127.0.0.1:8000") from None
    except OSError:
        host, number = host or "127.0.0.1", int(port)
        raise StudentError(
            f"cổng {number} trên {host} đang có chương trình khác dùng (có thể là một "
            f"«tangtoc serve» khác vẫn đang chạy: nếu vậy, cứ mở http://{host}:{number}/). "
            f"Muốn chạy thêm một bản, chọn cổng khác: tangtoc serve --addr {host}:{number + 1}"
        ) from None


COMMANDS = {"list": cmd_list, "check": cmd_check, "watch": cmd_watch, "hint": cmd_hint,
            "solution": cmd_solution, "reset": cmd_reset, "doctor": cmd_doctor, "serve": cmd_serve,
            "quiz": cmd_quiz, "measure": cmd_measure}

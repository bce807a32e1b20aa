"""One check of one exercise, shared by `check`, `check --all` and `watch`: static checks of the
file, then the correctness tests, then (only when correct) the speed check. Nothing is printed
here; `show(text)` is a context manager the caller uses to display progress (e.g. a spinner)."""

import ast
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from tangtoc import catalog, paths, progress, submission
from tangtoc.graded_run import run_graded_tests
from tangtoc.records import CourseError, Status, TestRecord
from tangtoc.speed_wording import measured_phrase, speed_reports

Show = Callable[[str], contextlib.AbstractContextManager]


def quiet(text: str) -> contextlib.AbstractContextManager:
    return contextlib.nullcontext()


@dataclass
class Outcome:
    exercise: catalog.Exercise
    status: Status  # passed | failed | untimed | unavailable (this Python cannot run it)
    verdict: str  # what follows "✔ bai04_dem_tu: "
    details: tuple[str, ...] = ()
    next_step: str = ""  # one sentence: what to do now (failures only)
    correct: bool | None = None  # None: not known (unavailable, or the check stopped earlier)
    speed: str = ""  # short cell for the summary table

    @property
    def passed(self) -> bool:
        return self.status == Status.PASSED


def check(exercise: catalog.Exercise, target: Path, show: Show = quiet,
          echo: TextIO | None = None) -> Outcome:
    """`echo`: where pytest's whole output goes, verbose (`tangtoc check -v`)."""
    verbose = ("-vv",) if echo else ()  # after the command's -q: pytest's verbosity 1
    if not exercise.available:
        return Outcome(exercise, Status.UNAVAILABLE, exercise.unavailable_reason)
    try:
        submission.check_source(exercise, target)
    except submission.NotLoadable as error:
        return _not_loadable(exercise, target, str(error))
    text = f"Đang kiểm tra tính đúng của {exercise.id}"
    total = [0]
    with show(text + "…") as status:
        def progress_shown(done: int, count: int) -> None:
            total[0] = count
            if hasattr(status, "update"):
                status.update(f"{text}: bài kiểm tra {done}/{count}…")

        # Stop at the first call that times out: one clear answer in seconds, not one per test.
        records = run_graded_tests(exercise, target, "not speed", "--stop-at-timeout", *verbose,
                                   on_progress=progress_shown, echo=echo)
    failures = [r for r in records if r.status != Status.PASSED]
    stopped = [r for r in failures if r.properties.get("stopped_at_timeout")]
    if stopped:
        return _hung(exercise, records, stopped[0], total[0])
    if failures:
        return _incorrect(exercise, records, failures)
    note = _retry_note(records)
    if exercise.kind != "speed":
        return Outcome(exercise, Status.PASSED, "đúng kết quả.", note, correct=True)
    with show(f"Đúng kết quả. Đang đo tốc độ {exercise.id} trên nhiều lõi "
              "(thường mất 10–40 giây, đừng chạy việc nặng khác)…"):
        speed = run_graded_tests(exercise, target, "speed", *verbose, echo=echo)
    outcome = _timed(exercise, speed)
    return replace(outcome, details=outcome.details + note)


def _retry_note(records: list[TestRecord]) -> tuple[str, ...]:
    """A passing call that hung once and passed on its retry (tangtoc.submission): passed, but
    the student should learn why, most often CPython's Pool hang after an exception."""
    retried = sum(int(r.properties.get("retried_after_hang", 0)) for r in records)
    if not retried:
        return ()
    return (f"  Lưu ý: {retried} lần gọi bị treo, chạy lại thì được. Thường là do một ngoại lệ "
            "thoát khỏi khối «with Pool(...)»: terminate() có thể treo (lỗi của CPython, "
            "python/cpython#96995). Cách tránh: try/finally với pool.close() rồi pool.join(), "
            "xem mục «Mở và đóng Pool cho sạch» ở docs/bai04-pool.md.",)


def _not_loadable(exercise: catalog.Exercise, target: Path, message: str) -> Outcome:
    path = target / exercise.file_name
    if not path.is_file():
        step = (f"Khôi phục tệp gốc bằng «tangtoc reset {exercise.id}», rồi làm lại bài."
                if target == paths.LESSONS else f"Hãy đặt bài làm vào {path}.")
        return Outcome(exercise, Status.FAILED, f"không có tệp {path}.", next_step=step,
                       correct=False)
    details = _syntax_context(path)
    if details:
        step = f"Sửa dòng đó, lưu tệp rồi chạy lại «tangtoc check {exercise.id}»."
    else:
        step = (f"Giữ đúng tên hàm như trong đề (xem docs/{exercise.lesson}), lưu tệp rồi chạy "
                "lại.")
    return Outcome(exercise, Status.FAILED, message, details, step, correct=False)


def _syntax_context(path: Path) -> tuple[str, ...]:
    """The offending line with a caret under the error, as Python shows it."""
    try:
        ast.parse(path.read_bytes(), filename=path.name)
    except SyntaxError as error:
        if not error.text or not error.lineno:
            return ("",)
        line = error.text.rstrip("\n").expandtabs()
        stripped = line.lstrip()
        caret = max(0, (error.offset or 1) - 1 - (len(line) - len(stripped)))
        prefix = f"  {error.lineno} | "
        return (prefix + stripped, " " * len(prefix) + " " * caret + "^")
    return ()


def _incorrect(exercise: catalog.Exercise, records: list[TestRecord],
               failures: list[TestRecord]) -> Outcome:
    passed = len(records) - len(failures)
    verdict = f"chưa đúng ({passed}/{len(records)} bài kiểm tra đạt)."
    untouched = all(r.properties.get("call", {}).get("error_type") == "NotImplementedError"
                    for r in failures)
    if untouched:
        step = (f"Mở lessons/{exercise.file_name}, viết phần còn «raise NotImplementedError», "
                f"lưu tệp rồi chạy lại; bí thì gõ «tangtoc hint {exercise.id}».")
    else:
        step = (f"Đọc các lỗi ở trên, sửa bài rồi chạy lại; bí thì gõ «tangtoc hint "
                f"{exercise.id}» hoặc đọc lại docs/{exercise.lesson}.")
    details = failure_lines(failures, max_lines=0 if untouched else 16)
    return Outcome(exercise, Status.FAILED, verdict, details, step, correct=False)


def _hung(exercise: catalog.Exercise, records: list[TestRecord], stopped: TestRecord,
          total: int) -> Outcome:
    """A call that timed out: the checker stopped there, and says so once."""
    verdict = (f"bài kiểm tra {len(records)}/{max(total, len(records))} chạy quá lâu nên đã "
               "dừng; các bài kiểm tra sau chưa chạy.")
    step = (f"Sửa chỗ treo (đọc lời giải thích ở trên), lưu tệp rồi chạy lại; bí thì gõ "
            f"«tangtoc hint {exercise.id}».")
    return Outcome(exercise, Status.FAILED, verdict, failure_lines([stopped]), step, correct=False)


def failure_lines(failures: list[TestRecord], max_lines: int = 16) -> tuple[str, ...]:
    """The first failure message in full (up to max_lines), then the first line of each other
    distinct message, each naming the tests that gave it."""
    by_message: dict[str, list[str]] = {}
    for record in failures:
        by_message.setdefault(record.message.strip(), []).append(record.name)
    lines = []
    for position, (message, tests) in enumerate(list(by_message.items())[:5]):
        names = tests[0] if len(tests) == 1 else f"{len(tests)} bài kiểm tra ({tests[0]}, …)"
        first, *rest = (message or "không có thông báo").splitlines()
        lines.append(f"  - {names}: {first}")
        if position == 0:
            lines += [f"    {line}" for line in rest[:max_lines]]
            if len(rest) > max_lines:
                lines.append("    …")
    if len(by_message) > 5:
        lines.append(f"  … và {len(by_message) - 5} lỗi khác.")
    return tuple(lines)


def _timed(exercise: catalog.Exercise, speed: list[TestRecord]) -> Outcome:
    course_errors = [r.properties["course_error"] for r in speed
                     if "course_error" in r.properties]
    if course_errors:  # our baseline failed: say so, and record nothing against the student
        raise CourseError(f"lỗi của khóa học, không phải lỗi của bạn: {course_errors[0]}")
    failures = [r for r in speed if r.status not in (Status.PASSED, Status.NOT_GRADABLE)]
    skipped = [r for r in speed if r.status == Status.NOT_GRADABLE]
    reports = [report for r in speed for report in speed_reports(r.properties)]
    cell = ", ".join(f"{r['speedup']:.2f}×/{r['threshold']:.2f}×" for r in reports
                     if r.get("speedup") is not None)
    if failures:
        message, report = failures[0].message, failures[0].properties.get("speed")
        measured = report is not None and report.get("failure") is None  # not stopped early
        verdict = ("đúng kết quả; nhưng " + message if measured
                   else "đúng trên các bài kiểm tra nhỏ; nhưng khi đo tốc độ, " + message)
        step = (f"Xem lại cách chia việc cho các tiến trình (gợi ý: «tangtoc hint {exercise.id}»),"
                " rồi chạy lại khi máy đang rảnh.")
        return Outcome(exercise, Status.FAILED, verdict, next_step=step, correct=True,
                       speed=cell or "✘")
    if skipped:
        return Outcome(exercise, Status.UNTIMED, "đúng kết quả; " + skipped[0].message,
                       correct=True, speed="không đo được")
    phrases = "; ".join(measured_phrase(r) for r in reports)
    return Outcome(exercise, Status.PASSED, "đúng kết quả; " + phrases, correct=True, speed=cell)


def report_lines(outcome: Outcome) -> list[str]:
    """The verdict as printed: mark, id and verdict, details, and what to do next."""
    lines = [f"{progress.STATUS_MARKS[outcome.status]} {outcome.exercise.id}: {outcome.verdict}",
             *outcome.details]
    if outcome.next_step:
        lines.append(f"➜ {outcome.next_step}")
    return lines

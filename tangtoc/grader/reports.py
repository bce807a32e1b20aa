"""Reports: OUT/<student>/results.json (Gradescope), OUT/<student>/feedback.md, OUT/grades.csv.

Written only from what the grader observed. Gradescope accepts only "passed" or "failed" in a
test's `status`, so the full status (timeout, crashed, error, not_gradable…) is in
`extra_data.status`, next to the speed measurements (samples, threshold, cores, start method)
that let a teacher audit or re-run a student.
"""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from tangtoc import catalog
from tangtoc.grader.scoring import GradedTest
from tangtoc.records import Status, worst
from tangtoc.speed_wording import measured_phrase, speed_reports

STATUS_WORDS = {
    Status.PASSED: "đạt", Status.FAILED: "chưa đạt", Status.TIMEOUT: "quá thời gian",
    Status.CRASHED: "bị dừng", Status.ERROR: "lỗi", Status.NOT_GRADABLE: "không chấm được",
}
# A student's one status, where it differs from the word of the worst test.
OVERALL_WORDS = {Status.PASSED: "đạt hết", Status.NOT_GRADABLE: "đạt, chưa đo được tốc độ"}
UNGRADED_SUBMISSION = "không chấm được bài nộp"
MARKS = {Status.PASSED: "✔", Status.NOT_GRADABLE: "⚠"}


def student_status(statuses, problem: str = "") -> str:
    """A student's one status in words, for feedback.md, results.json and grades.csv alike:
    the submission could not be graded, everything passed, everything passed but speed could
    not be measured, or the worst of what went wrong."""
    if problem:
        return UNGRADED_SUBMISSION
    overall = worst(Status(status) for status in statuses)
    return OVERALL_WORDS.get(overall, STATUS_WORDS[overall])


@dataclass
class StudentReport:
    student: str
    source: str
    tests: list[GradedTest] = field(default_factory=list)
    problem: str = ""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    machine: dict = field(default_factory=dict)

    @property
    def score(self) -> float:
        return round(sum(t.score for t in self.tests), 2)

    @property
    def max_score(self) -> float:
        return round(sum(t.max_score for t in self.tests), 2)

    def exercise_scores(self) -> dict[str, float]:
        scores: dict[str, float] = {}
        for test in self.tests:
            scores[test.exercise] = scores.get(test.exercise, 0.0) + test.score
        return {exercise: round(score, 2) for exercise, score in scores.items()}

    def status(self) -> str:
        """The student's one status (student_status), computed once for every report."""
        return student_status((t.status for t in self.tests), self.problem)


def results_json(report: StudentReport) -> dict:
    return {
        "score": report.score,
        "max_score": report.max_score,
        "execution_time": round(report.seconds, 2),
        "output": summary_text(report),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [{
            "name": f"{t.exercise} › {t.name}",
            "score": round(t.score, 4),
            "max_score": round(t.max_score, 4),
            "status": "passed" if t.status == Status.PASSED else "failed",
            "output": _test_output(t),
            "visibility": "visible",
            "extra_data": {"status": t.status, "exercise": t.exercise, "phase": t.phase,
                           **_speed_data(t.properties)},
        } for t in report.tests],
        "extra_data": {"student": report.student, "source": report.source,
                       "overall_status": report.status(),
                       "problem": report.problem, "notes": report.notes,
                       "exercises": report.exercise_scores(), "machine": report.machine},
    }


def _speed_data(properties: dict) -> dict:
    """The figures of a test's speed checks: "speed" the one that decided, and "speed_checks"
    all of them when the test ran several."""
    checks = speed_reports(properties)
    return {**({"speed": properties["speed"]} if "speed" in properties else {}),
            **({"speed_checks": checks} if len(checks) > 1 else {})}


def _test_output(test: GradedTest) -> str:
    speed = test.properties.get("speed") or {}
    detail = test.message or (measured_phrase(speed) if speed.get("speedup") else "")
    return f"{STATUS_WORDS[test.status]}: {detail}" if detail else STATUS_WORDS[test.status]


def summary_text(report: StudentReport) -> str:
    lines = [f"Tổng điểm: {report.score:g}/{report.max_score:g}."]
    if report.problem:
        lines.append(report.problem)
    lines.extend(report.notes)
    return "\n".join(lines)


def feedback_markdown(report: StudentReport) -> str:
    lines = [f"# Kết quả chấm bài: {report.student}", "",
             f"**Tổng điểm: {report.score:g}/{report.max_score:g}** ({report.status()}).", ""]
    machine = report.machine
    if machine:
        lines += [f"Máy chấm: {machine.get('cores')} lõi dùng được, {machine.get('python')}, "
                  f"phương thức khởi động mặc định `{machine.get('start_method')}`.",
                  isolation_line(machine.get("isolation", {})), ""]
    if report.problem:
        lines += [f"!!! {report.problem}", ""]
    lines += [f"- {note}" for note in report.notes] + ([""] if report.notes else [])
    for exercise_id in dict.fromkeys(t.exercise for t in report.tests):
        lines += _exercise_section(exercise_id, [t for t in report.tests
                                                 if t.exercise == exercise_id])
    return "\n".join(lines).rstrip() + "\n"


def _exercise_section(exercise_id: str, tests: list[GradedTest]) -> list[str]:
    exercise = catalog.get(exercise_id)
    score, top = sum(t.score for t in tests), sum(t.max_score for t in tests)
    lines = [f"## {exercise.id}: {exercise.title} ({score:.2f}/{top:g} điểm)", ""]
    listed = tests
    if _same_failure(tests):  # e.g. the file was not submitted: say it once, not per test
        lines.append(f"- {MARKS.get(tests[0].status, '✘')} Cả {len(tests)} bài kiểm tra "
                     f"({STATUS_WORDS[tests[0].status]}): {_one_line(tests[0].message)}")
        listed = []
    for test in listed:
        mark = MARKS.get(test.status, "✘")
        speed = test.properties.get("speed")
        text = test.message if test.status != Status.PASSED else ""
        if not text and speed and speed.get("speedup"):
            text = measured_phrase(speed)
        detail = f": {_one_line(text)}" if text else ""
        lines.append(f"- {mark} `{test.name}` ({STATUS_WORDS[test.status]}){detail}")
        for measured in speed_reports(test.properties):  # one line per check of the test
            if measured.get("baseline_seconds"):
                versus = measured.get("versus") or "bản tuần tự"
                lines.append(
                    f"    - Đo tốc độ: {len(measured['candidate_seconds'])} lần, {versus} "
                    f"{_seconds(measured['baseline_seconds'])}, bài làm "
                    f"{_seconds(measured['candidate_seconds'])}; cần ≥ "
                    f"{measured['threshold']:.2f}× trên {measured['cores']} lõi "
                    f"(phương thức {measured['start_method']}).")
    if any(t.status != Status.PASSED for t in tests):
        lines += ["", f"Gợi ý: {exercise.hints[0]}",
                  f"Bài giảng: `docs/{exercise.lesson}`; xem thêm `tangtoc hint {exercise.id}`."]
    return [*lines, ""]


def _same_failure(tests: list[GradedTest]) -> bool:
    """Several tests that failed the same way with the same message and no measurement."""
    return (len(tests) > 1 and len({(t.status, t.message) for t in tests}) == 1
            and tests[0].status != Status.PASSED and tests[0].message != ""
            and not any(t.properties.get("speed") for t in tests))


def _one_line(message: str, limit: int = 600) -> str:
    text = " ".join(message.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _seconds(samples: list[float]) -> str:
    return "min " + f"{min(samples):.3f} s (" + ", ".join(f"{s:.3f}" for s in samples) + ")"


def write_student(folder: Path, report: StudentReport) -> None:
    """Its results.json and feedback.md. What the submission wrote (an exception's message) may
    hold lone surrogates: escaped, never an error that would lose the whole class's reports."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(
        json.dumps(results_json(report), ensure_ascii=False, indent=1), encoding="utf-8",
        errors="backslashreplace")
    (folder / "feedback.md").write_text(feedback_markdown(report), encoding="utf-8",
                                        errors="backslashreplace")


def write_gradebook(out: Path, exercise_ids: list[str],
                    graded: list[StudentReport]) -> list[dict]:
    """grades.csv: a row per student graded now (from their reports), and a row per student a
    partial re-run (--only) kept from the previous run (from their results.json)."""
    rows = {report.student: _row(exercise_ids, report.student, report.exercise_scores(),
                                 report.score, report.max_score, report.status(),
                                 report.problem) for report in graded}
    for results in sorted(out.glob("*/results.json")):
        if results.parent.name in rows:
            continue
        data = json.loads(results.read_text(encoding="utf-8"))
        extra = data.get("extra_data", {})
        status = extra.get("overall_status") or student_status(  # an older results.json
            (t["extra_data"]["status"] for t in data["tests"]), extra.get("problem", ""))
        rows[results.parent.name] = _row(
            exercise_ids, extra.get("student", results.parent.name), extra.get("exercises", {}),
            data["score"], data["max_score"], status, extra.get("problem", ""))
    rows = [rows[student] for student in sorted(rows)]
    with open(out / "grades.csv", "w", encoding="utf-8", errors="backslashreplace",
              newline="") as stream:
        writer = csv.DictWriter(stream, ["sinh_vien", *exercise_ids, "tong", "toi_da",
                                         "trang_thai", "ghi_chu"])
        writer.writeheader()
        writer.writerows(rows)
    return rows


def _row(exercise_ids: list[str], student: str, scores: dict[str, float], score: float,
         max_score: float, status: str, problem: str) -> dict:
    return {"sinh_vien": student, **{e: scores.get(e, 0.0) for e in exercise_ids},
            "tong": score, "toi_da": max_score, "trang_thai": status, "ghi_chu": problem}


def isolation_line(isolation: dict) -> str:
    """How the student's code was isolated, in the teacher's words (never more than was done)."""
    if isolation.get("sandbox") != "bubblewrap":
        return ("Cách ly: KHÔNG (giáo viên chọn `--khong-cach-ly`): mã của bài chạy trực tiếp "
                "trên máy chấm.")
    if isolation.get("separate_uid"):
        who = "một người dùng riêng không có quyền quản trị, không có mạng"
    else:
        who = ("cùng người dùng với bộ chấm, không có mạng trừ bài cần máy chủ web thử của "
               "bộ chấm")
    return (f"Cách ly: mỗi lần gọi mã của bài chạy trong một hộp cát bubblewrap riêng ({who}, "
            "chỉ thấy tệp của chính bài này).")

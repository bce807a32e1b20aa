"""The teacher's commands, `tangtoc grade` and `tangtoc grade-bundle` (tangtoc.cli adds them)."""

import argparse
import sys
from pathlib import Path

from tangtoc import catalog
from tangtoc.grader import classroom, gradescope, template
from tangtoc.grader.batch import Options, SandboxUnavailable, grade
from tangtoc.grader.judging import CourseProblem
from tangtoc.grader.sandbox import Limits
from tangtoc.grader.scoring import EXERCISE_POINTS
from tangtoc.grader.terminal import summary
from tangtoc.grader.uid_slots import NoFreeSlot


def register(commands) -> None:
    parser = commands.add_parser("grade", help="chấm bài nộp của cả lớp (giáo viên)")
    parser.add_argument("submissions", type=Path, metavar="BÀI_NỘP",
                        help="thư mục chứa mỗi sinh viên một thư mục hoặc một tệp .zip")
    parser.add_argument("--out", type=Path, required=True, metavar="KẾT_QUẢ",
                        help="thư mục ghi kết quả (lần chấm trước được giữ làm bản sao lưu)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="số bài chấm đúng/sai cùng lúc (phần đo tốc độ luôn chạy từng bài)")
    parser.add_argument("--timeout", type=float, default=Limits.timeout, metavar="GIÂY",
                        help=f"thời gian tối đa cho mỗi bài tập (mặc định {Limits.timeout:g})")
    parser.add_argument("--only", nargs="+", default=(), metavar="SINH_VIÊN",
                        help="chỉ chấm (lại) những sinh viên này, giữ kết quả của người khác")
    parser.add_argument("--exercise", nargs="+", default=(), metavar="MÃ_BÀI",
                        help="chỉ chấm những bài tập này (mặc định: mọi bài trong danh mục)")
    parser.add_argument("--single", default="", metavar="SINH_VIÊN",
                        help="BÀI_NỘP là thư mục bài làm của một sinh viên (Gradescope, "
                             "GitHub Classroom)")
    parser.add_argument("--memory-mb", type=int, default=Limits.memory_bytes // 2**20,
                        help="bộ nhớ tối đa (MB) mỗi tiến trình của bài")
    parser.add_argument("--max-processes", type=int, default=Limits.max_processes,
                        help="số tiến trình tối đa một bài được tạo")
    parser.add_argument("--skip-speed", action="store_true",
                        help="bỏ qua phần đo tốc độ (chấm nhanh phần đúng/sai)")
    parser.add_argument("--require-full", action="store_true",
                        help="mã thoát 1 nếu chưa đạt điểm tối đa (dùng cho GitHub Classroom)")
    parser.add_argument("--khong-cach-ly", "--no-sandbox", dest="no_sandbox",
                        action="store_true",
                        help="chạy bài KHÔNG cách ly (chỉ khi tin mọi bài nộp, trên máy không "
                             "dựng được bubblewrap)")


    bundle = commands.add_parser("grade-bundle",
                                 help="tạo gói chấm cho Gradescope và GitHub Classroom")
    bundle.add_argument("--out", type=Path, metavar="THƯ_MỤC",
                        help="nơi ghi gradescope-autograder.zip và classroom.yml")
    bundle.add_argument("--template", type=Path, metavar="THƯ_MỤC",
                        help="tạo kho mẫu cho GitHub Classroom (không kèm lời giải) ở thư mục "
                             "mới này")
    bundle.add_argument("--exercise", nargs="+", default=(), metavar="MÃ_BÀI",
                        help="chỉ chấm những bài tập này (mặc định: mọi bài trong danh mục)")
    bundle.add_argument("--timeout", type=float, default=Limits.timeout, metavar="GIÂY",
                        help=f"thời gian tối đa cho mỗi bài tập (mặc định {Limits.timeout:g})")


def cmd_bundle(args) -> int:
    if not (args.out or args.template):
        print("Lỗi: hãy cho biết cần tạo gì: --out THƯ_MỤC (gói Gradescope và quy trình GitHub "
              "Classroom) và/hoặc --template THƯ_MỤC (kho mẫu cho GitHub Classroom).",
              file=sys.stderr)
        return 2
    try:
        chosen = tuple(catalog.get(e) for e in args.exercise)
    except catalog.UnknownExercise as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    graded = chosen or classroom.gradable(catalog.exercises())
    if args.out:
        ids = tuple(e.id for e in chosen)
        archive = gradescope.build_bundle(args.out / "gradescope-autograder.zip", ids,
                                          args.timeout)
        workflow = args.out / "classroom.yml"
        workflow.write_text(classroom.workflow(graded, EXERCISE_POINTS, args.timeout),
                            encoding="utf-8")
        print(f"Gradescope: tải {archive} lên mục «Configure Autograder» (xem cấu hình máy chấm "
              "trong trang «Dành cho giáo viên»).")
        print(f"GitHub Classroom: chép {workflow} vào .github/workflows/classroom.yml của kho "
              "mẫu.")
    if args.template:
        try:
            folder = template.build_template(args.template, graded, EXERCISE_POINTS,
                                             args.timeout)
        except FileExistsError as error:
            print(f"Lỗi: {error}", file=sys.stderr)
            return 2
        print(f"Kho mẫu cho GitHub Classroom (không có lời giải): {folder}. Đưa thư mục này lên "
              "một kho GitHub, đánh dấu là kho mẫu (Template repository) rồi chọn nó khi tạo "
              "bài tập trên GitHub Classroom.")
    return 0


COMMANDS = {"grade": lambda args: cmd_grade(args), "grade-bundle": cmd_bundle}


def cmd_grade(args) -> int:
    if not args.submissions.is_dir():
        print(f"Lỗi: không tìm thấy thư mục bài nộp {args.submissions}.", file=sys.stderr)
        return 2
    limits = Limits(timeout=args.timeout, memory_bytes=args.memory_mb * 2**20,
                    max_processes=args.max_processes)
    options = Options(args.submissions, args.out, jobs=args.jobs, limits=limits,
                      only=tuple(args.only), exercises=tuple(args.exercise), single=args.single,
                      skip_speed=args.skip_speed, no_sandbox=args.no_sandbox)
    try:
        graded = grade(options)
    except (catalog.UnknownExercise, CourseProblem, NoFreeSlot) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except SandboxUnavailable as error:
        print(f"Lỗi: máy này không dựng được môi trường cách ly cho bài nộp ({error}). Bộ chấm "
              "không chạy mã chưa tin cậy mà không cách ly. Cài bubblewrap (xem `tangtoc "
              "doctor`), hoặc, nếu bạn tin mọi bài nộp, chạy lại với --khong-cach-ly.",
              file=sys.stderr)
        return 2
    for warning in graded.warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    summary(graded.rows, graded.out, graded.backup, graded.seconds)
    if args.require_full and any(r.score < r.max_score for r in graded.reports):
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m tangtoc.grader.cli grade …`: the same commands without the student CLI."""
    parser = argparse.ArgumentParser(prog="tangtoc")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

"""`tangtoc`: the course's command line, in Vietnamese.

Student commands: list, check, watch, hint, solution, reset, quiz, measure, doctor, serve
(their functions live in tangtoc.commands); the teacher's live in tangtoc.grader.cli, the
maintainers' (`tangtoc dev`, left out of the help) in tangtoc.dev. To add a command, add its
parser in `build_parser()` and its function to commands.COMMANDS. Every error a student can
cause ends in one Vietnamese sentence saying what to do next (exit code 2); a bug of ours is
saved with its traceback in .tangtoc/last-error.txt instead of being dumped on the student
(exit code 3).
"""

import argparse
import os
import subprocess
import sys
import traceback
from pathlib import Path

from tangtoc import dev, paths, reset
from tangtoc.argparse_vi import VietnameseArgumentParser
from tangtoc.commands import COMMANDS, StudentError
from tangtoc.graded_run import GradedRunError
from tangtoc.grader import cli as grader_cli
from tangtoc.measure import LESSONS as MEASURED_LESSONS
from tangtoc.measure import OUT_NAME as MEASURED_OUT
from tangtoc.records import CourseError

# the commands that need lessons/ and tests/graded/
COURSE_COMMANDS = {"list", "check", "watch", "hint", "solution", "reset", "serve", "quiz"}
LAST_ERROR = paths.STATE / "last-error.txt"


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(prog="tangtoc",
                                      description="Công cụ của khóa học Tăng tốc Python.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    commands.add_parser("list", help="danh sách bài tập và tiến độ theo từng bài học")
    check = commands.add_parser("check", help="kiểm tra bài: đúng kết quả và tăng tốc thật")
    check.add_argument("id", nargs="?", help="mã bài tập (mặc định: bài đang làm)")
    check.add_argument("--all", action="store_true", help="kiểm tra mọi bài, in bảng tổng kết")
    check.add_argument("--target", default="lessons",
                       help="thư mục bài làm: lessons (mặc định), solutions hoặc một đường dẫn")
    check.add_argument("-v", "--chi-tiet", "--verbose", dest="verbose", action="store_true",
                       help="in thêm toàn bộ đầu ra của pytest (traceback đầy đủ)")
    watching = commands.add_parser("watch", help="tự kiểm tra lại mỗi khi bạn lưu tệp bài làm")
    watching.add_argument("id", nargs="?", help="bắt đầu từ bài này (mặc định: bài đang làm)")
    hint = commands.add_parser("hint", help="xem gợi ý tiếp theo của một bài")
    hint.add_argument("id", nargs="?", help="mã bài tập (mặc định: bài đang làm)")
    solution = commands.add_parser("solution", help="xem lời giải tham khảo của bài đã đạt")
    solution.add_argument("id", help="mã bài tập")
    restore = commands.add_parser("reset", help="đưa tệp bài làm về bản gốc (sao lưu bài cũ trước)")
    restore.add_argument("id", help="mã bài tập")
    quizzing = commands.add_parser("quiz", help="làm trắc nghiệm của một bài học, có chấm điểm")
    quizzing.add_argument("lesson", nargs="?", metavar="BÀI",
                          help="trang bài học (vd. bai02-gil), cả một bài (vd. bai04) hoặc mã "
                               "bài tập (mặc định: bài trắc nghiệm chưa làm đầu tiên)")
    measure = commands.add_parser(
        "measure", help="đo lại bảng số liệu của một bài học trên máy của bạn, đặt cạnh số đo "
                        "của khóa học, và ghi ra tệp để chia sẻ")
    measure.add_argument("lesson", metavar="BÀI",
                         help="bài học: " + ", ".join(MEASURED_LESSONS) + " (vd. bai02)")
    measure.add_argument("--nhanh", "--quick", dest="quick", action="store_true",
                         help="cỡ rất nhỏ, xong trong vài giây: để thử lệnh (số đo chưa đáng tin)")
    measure.add_argument("--out", type=Path, metavar="THƯ_MỤC",
                         help=f"nơi ghi kết quả (mặc định: {MEASURED_OUT}/ trong thư mục "
                              "khóa học)")
    measure.add_argument("--target", metavar="THƯ_MỤC",
                         help="riêng bai04: đo bài trong thư mục này (lessons, solutions hoặc "
                              "đường dẫn) thay cho lời giải tham khảo")
    commands.add_parser("doctor", help="kiểm tra máy: số lõi, phương thức khởi động, GIL…")
    serve = commands.add_parser("serve", help="mở trang khóa học trên máy (mkdocs serve)")
    serve.add_argument("--addr", default="127.0.0.1:8000",
                       help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    grader_cli.register(commands)  # the teacher's commands live in tangtoc.grader
    dev.register(commands)  # the maintainers' commands (not in the students' help)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a console without UTF-8 must not crash the CLI
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    if args.command in grader_cli.COMMANDS:
        return grader_cli.COMMANDS[args.command](args)
    if args.command == "dev":
        return dev.run(args)
    try:
        if args.command in COURSE_COMMANDS:
            _require_course()
            reset.save_untouched_stubs()
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("\nĐã dừng theo yêu cầu (Ctrl+C); không tệp bài làm nào bị thay đổi.",
              file=sys.stderr)
        return 130
    except BrokenPipeError:  # `tangtoc list | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 0
    except (StudentError, reset.ResetError) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except CourseError as error:
        print(f"Lỗi: {error}; hãy báo cho người phụ trách khóa học.", file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired:
        print("Lỗi: bài kiểm tra chạy quá lâu và đã bị dừng; hãy xem bài của bạn có chỗ nào chờ "
              "mãi không (ví dụ Pool không được đóng), rồi chạy lại.", file=sys.stderr)
        return 2
    except Exception as error:  # ours (GradedRunError included), not the student's: keep details
        saved = _save_traceback()
        kind = ("không chạy được bộ kiểm tra" if isinstance(error, GradedRunError)
                else f"lỗi nội bộ của tangtoc ({type(error).__name__})")
        print(f"Lỗi: {kind}, không phải lỗi trong bài của bạn; chi tiết đã ghi vào {saved}, hãy "
              "gửi tệp đó cho người phụ trách khóa học.", file=sys.stderr)
        return 3


def _require_course() -> None:
    if paths.LESSONS.is_dir() and paths.GRADED.is_dir():
        return
    if os.environ.get("TANGTOC_ROOT"):
        raise StudentError(f"biến môi trường TANGTOC_ROOT trỏ tới {paths.ROOT}, nơi không có thư "
                           "mục lessons/ và tests/graded/ của khóa học; hãy sửa hoặc bỏ biến này.")
    raise StudentError("không tìm thấy thư mục khóa học (thư mục có lessons/ và tests/graded/); "
                       "hãy chạy tangtoc ngay trong thư mục đã clone kho mã khóa học (hoặc đặt "
                       "biến TANGTOC_ROOT trỏ tới thư mục đó), rồi chạy lại.")


def _save_traceback() -> Path | str:
    try:
        LAST_ERROR.parent.mkdir(parents=True, exist_ok=True)
        LAST_ERROR.write_text(traceback.format_exc(), encoding="utf-8")
        return LAST_ERROR
    except OSError:
        traceback.print_exc()
        return "phần in ở trên"

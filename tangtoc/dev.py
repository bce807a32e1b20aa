"""`tangtoc dev`: the maintainers' commands (CONTRIBUTING.md), left out of the student's help.

- `tangtoc dev new ID [--kind speed] [--page PAGE] [--function NAME…]`: create a new exercise
  in every place it needs (tangtoc.scaffold), refusing to overwrite anything;
- `tangtoc dev check`: list what any exercise of the catalog lacks (tangtoc.completeness);
  exit code 1 when something is missing.

Both work on the course folder tangtoc finds (tangtoc.paths.ROOT: TANGTOC_ROOT, else the
editable checkout), reading that folder's own tangtoc/catalog.toml.
"""

import sys

from tangtoc import catalog, completeness, paths, scaffold


def register(commands) -> None:
    # no help=: the command is left out of `tangtoc --help`, which students read
    dev = commands.add_parser("dev", description="Lệnh cho người phát triển khóa học "
                                                 "(xem CONTRIBUTING.md).")
    actions = dev.add_subparsers(dest="dev_command", required=True, metavar="LỆNH_DEV")
    new = actions.add_parser("new", help="tạo bài tập mới ở mọi chỗ nó cần (không ghi đè)")
    new.add_argument("id", metavar="MÃ_BÀI", help="mã bài tập mới, ví dụ bai04_dem_tu")
    new.add_argument("--loai", "--kind", dest="kind", choices=scaffold.KINDS,
                     default="correctness",
                     help="correctness (chỉ chấm đúng kết quả, mặc định) hoặc speed (chấm cả "
                          "tăng tốc; tạo thêm các bản gian lận trong tests/project/cheats/)")
    new.add_argument("--trang", "--page", dest="page", metavar="TRANG",
                     help="trang bài học trong docs/ (mặc định: trang đầu của bài học)")
    new.add_argument("--ham", "--function", dest="functions", nargs="+", default=(),
                     metavar="TÊN_HÀM", help="các hàm sinh viên viết (mặc định: solve, hoặc "
                                             "solve_parallel với bài speed)")
    actions.add_parser("check", help="kiểm tra mọi bài tập trong danh mục có đủ mọi chỗ cần có")


def run(args) -> int:
    try:
        if args.dev_command == "new":
            return _new(args)
        return _check()
    except (scaffold.ScaffoldError, catalog.CatalogFormatError) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2


def _new(args) -> int:
    written = scaffold.create(paths.ROOT, args.id, args.kind, args.page, tuple(args.functions))
    print(f"Đã tạo bài {args.id}:")
    for path in written:
        print(f"  {path.relative_to(paths.ROOT).as_posix()}")
    print(f"Hãy viết mọi chỗ có chữ «{completeness.PLACEHOLDER}» (xem CONTRIBUTING.md), rồi "
          "chạy «tangtoc dev check» và bộ kiểm thử.")
    return 0


def _check() -> int:
    found = completeness.problems(paths.ROOT)
    left = completeness.placeholders(paths.ROOT)
    count = len(catalog.load(completeness.catalog_file(paths.ROOT)).exercises)
    for problem in found:
        print(f"✘ {problem}")
    if left:
        print(f"Còn chữ «{completeness.PLACEHOLDER}» chưa viết trong: {', '.join(left)}")
    if found:
        print(f"Thiếu {len(found)} chỗ; sửa rồi chạy lại «tangtoc dev check».")
        return 1
    print(f"✔ Cả {count} bài tập có đủ mọi chỗ cần có.")
    return 0

"""Every place an exercise needs, checked for a whole course folder (`tangtoc dev check`, and
tests/project/test_catalog.py on this checkout; `tangtoc dev new` creates these places).

For each exercise of the catalog: a well-formed entry whose lesson page belongs to the lesson
its id names, the stub in lessons/ and the reference in solutions/ (both defining the catalog's
functions, the stub's docstring naming its lesson page), the graded test in tests/graded/, one
file in tests/project/cheats/<kind>/ per cheat its speed check must fail (a speed exercise
always lists the sequential one), and its card and stub on its lesson page. For the course: no
module in lessons/ or solutions/ outside the catalog, and the catalog's lessons are the pages of
the nav's «Bài học» section, in the same order. Problems are Vietnamese sentences naming the
file to fix.
"""

import ast
import re
from pathlib import Path

from tangtoc import catalog
from tangtoc.paths import GRADED_PART, PROJECT_TESTS_PART

ID = re.compile(r"bai\d\d_[a-z0-9_]+")
CHEATS_PART = f"{PROJECT_TESTS_PART}/cheats"  # <kind>/<id>.py: what a speed check must fail
LESSON_SECTION = "Bài học"  # the nav section of mkdocs.yml that lists the lesson pages
PLACEHOLDER = "CẦN VIẾT"  # what `tangtoc dev new` leaves for the maintainer to write


def catalog_file(root: Path) -> Path:
    return root / "tangtoc" / "catalog.toml"


def problems(root: Path) -> list[str]:
    """What is missing or wrong in the course folder at root ([] when complete)."""
    course = catalog.load(catalog_file(root))
    found = _lesson_problems(root, course.lessons)
    ids = [exercise.id for exercise in course.exercises]
    found += [f"danh mục: mã «{i}» xuất hiện {ids.count(i)} lần" for i in sorted(set(ids))
              if ids.count(i) > 1]
    for exercise in course.exercises:
        found += [f"{exercise.id}: {problem}"
                  for problem in _exercise_problems(root, exercise, course.lessons)]
    known = {exercise.file_name for exercise in course.exercises}
    for folder in ("lessons", "solutions"):
        found += [f"{folder}/{path.name}: không có trong danh mục tangtoc/catalog.toml"
                  for path in sorted((root / folder).glob("*.py")) if path.name not in known]
    return found


def placeholders(root: Path) -> list[str]:
    """Files (relative to root) that still hold text `tangtoc dev new` left to write."""
    course = catalog.load(catalog_file(root))
    candidates = [catalog_file(root), *((root / "docs").glob("*.md"))]
    for exercise in course.exercises:
        candidates += [root / "lessons" / exercise.file_name,
                       root / "solutions" / exercise.file_name,
                       root / GRADED_PART / exercise.test_file,
                       *(root / CHEATS_PART / cheat / exercise.file_name
                         for cheat in exercise.cheats)]
    return [path.relative_to(root).as_posix() for path in candidates
            if path.is_file() and PLACEHOLDER in path.read_text(encoding="utf-8")]


def _lesson_problems(root: Path, lessons: tuple[catalog.Lesson, ...]) -> list[str]:
    found = []
    numbers = [lesson.number for lesson in lessons]
    if not lessons:
        found.append("danh mục: chưa có bài học nào ([[lessons]])")
    if numbers != sorted(set(numbers)):
        found.append(f"danh mục: số bài học phải tăng dần, không lặp lại (đang là {numbers})")
    for lesson in lessons:
        if not lesson.pages:
            found.append(f"danh mục: bài học {lesson.number} chưa có trang nào (pages)")
        for page in lesson.pages:
            if not page.startswith(lesson.prefix + "-"):
                found.append(f"danh mục: trang {page} của bài học {lesson.number} phải có tên "
                             f"bắt đầu bằng «{lesson.prefix}-»")
            if not (root / "docs" / page).is_file():
                found.append(f"docs/{page}: thiếu trang của bài học {lesson.number}")
    if (root / "mkdocs.yml").is_file():
        from tangtoc import site_markdown  # the site's tools: only where the site is

        nav = [page for _, page in
               site_markdown.nav_section(site_markdown.site_nav(root), LESSON_SECTION)]
        pages = [page for lesson in lessons for page in lesson.pages]
        if nav != pages:
            found.append(f"mkdocs.yml: mục «{LESSON_SECTION}» của nav phải liệt kê đúng các "
                         f"trang của danh mục, cùng thứ tự (nav: {nav}; danh mục: {pages})")
    return found


def _exercise_problems(root: Path, exercise: catalog.Exercise,
                       lessons: tuple[catalog.Lesson, ...]) -> list[str]:
    found = []
    if not ID.fullmatch(exercise.id):
        found.append("mã bài tập phải có dạng baiNN_ten_viet_thuong (chữ ASCII thường, số, _)")
    if exercise.kind not in catalog.KINDS:
        found.append(f"kind phải là một trong {', '.join(catalog.KINDS)}")
    if not 1 <= len(exercise.hints) <= 3:
        found.append(f"cần 1 đến 3 gợi ý (hints), đang có {len(exercise.hints)}")
    if not exercise.functions:
        found.append("functions phải nêu ít nhất một hàm sinh viên viết")
    lesson = catalog.lesson_of(exercise.id, lessons)
    if lesson is None:
        found.append("không có bài học nào mang số ở đầu mã này trong danh mục ([[lessons]])")
    elif exercise.lesson not in lesson.pages:
        found.append(f"trang {exercise.lesson} không phải trang của bài học {lesson.number} "
                     f"({', '.join(lesson.pages)})")
    for folder in ("lessons", "solutions"):
        found += _module_problems(root / folder / exercise.file_name, exercise)
    if not (root / GRADED_PART / exercise.test_file).is_file():
        found.append(f"thiếu bài kiểm tra chấm điểm {GRADED_PART}/{exercise.test_file}")
    found += _cheat_problems(root, exercise)
    page = root / "docs" / exercise.lesson
    text = page.read_text(encoding="utf-8") if page.is_file() else ""
    if not page.is_file():
        found.append(f"thiếu trang bài học docs/{exercise.lesson}")
    elif f"<!-- bai-tap: {exercise.id} -->" not in text:
        found.append(f"docs/{exercise.lesson} chưa có thẻ bài tập <!-- bai-tap: {exercise.id} -->")
    elif f'--8<-- "lessons/{exercise.file_name}' not in text:
        found.append(f'docs/{exercise.lesson} chưa nhúng tệp bài làm '
                     f'(--8<-- "lessons/{exercise.file_name}")')
    return found


def _module_problems(path: Path, exercise: catalog.Exercise) -> list[str]:
    name = f"{path.parent.name}/{path.name}"
    if not path.is_file():
        return [f"thiếu tệp {name}"]
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError as error:
        return [f"{name} có lỗi cú pháp ở dòng {error.lineno}"]
    defined = {node.name for node in tree.body
               if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}
    found = [f"{name} chưa định nghĩa {function} (functions trong danh mục)"
             for function in exercise.functions if function not in defined]
    if path.parent.name == "lessons" and exercise.lesson not in (ast.get_docstring(tree) or ""):
        found.append(f"chuỗi tài liệu đầu {name} phải nêu trang bài giảng docs/{exercise.lesson}")
    return found


def _cheat_problems(root: Path, exercise: catalog.Exercise) -> list[str]:
    found = [f"cheats: không biết loại «{cheat}» (chọn trong {', '.join(catalog.CHEAT_KINDS)})"
             for cheat in exercise.cheats if cheat not in catalog.CHEAT_KINDS]
    if exercise.kind == "speed" and "sequential" not in exercise.cheats:
        found.append("bài đo tốc độ phải liệt kê bản gian lận «sequential» (chạy tuần tự)")
    if exercise.kind != "speed" and exercise.cheats:
        found.append("chỉ bài đo tốc độ (kind = \"speed\") mới có cheats")
    found += [f"thiếu bản gian lận {CHEATS_PART}/{cheat}/{exercise.file_name} (kiểm tra tốc độ "
              "phải trượt trên nó)" for cheat in exercise.cheats
              if cheat in catalog.CHEAT_KINDS
              and not (root / CHEATS_PART / cheat / exercise.file_name).is_file()]
    return found

"""`tangtoc dev new ID`: every place a new exercise needs (tangtoc.completeness lists them),
created with Vietnamese placeholder text marked CẦN VIẾT, like rustlings' `dev new`.

Nothing that exists is ever overwritten: when one of the files is already there, or the id is
already in the catalog, nothing at all is written. The catalog entry goes after the last
exercise of the same or an earlier lesson (course order); the card goes at the end of the
lesson page, for the maintainer to move where the text introduces it.
"""

import re
from pathlib import Path

from tangtoc import catalog, completeness
from tangtoc.paths import GRADED_PART

KINDS = ("correctness", "speed")  # a script exercise (lesson 8) is best copied from bai08_*


class ScaffoldError(Exception):
    """The exercise cannot be created; the message (Vietnamese) says why and what to do."""


def create(root: Path, exercise_id: str, kind: str = "correctness", page: str | None = None,
           functions: tuple[str, ...] = ()) -> list[Path]:
    """Create the new exercise's files, catalog entry and card; return the paths written.
    functions default to solve (solve_parallel for a speed exercise)."""
    functions = functions or (("solve_parallel",) if kind == "speed" else ("solve",))
    if not completeness.ID.fullmatch(exercise_id):
        raise ScaffoldError(f"mã «{exercise_id}» không hợp lệ: cần dạng baiNN_ten_bai (chữ ASCII "
                            "thường, số và _, bắt đầu bằng số bài học, ví dụ bai04_dem_tu)")
    if kind not in KINDS:
        raise ScaffoldError(f"loại «{kind}» không tạo được bằng lệnh này (chọn {', '.join(KINDS)}"
                            "); bài loại script hãy chép từ một bài bai08_* có sẵn")
    bad = [name for name in functions if not name.isidentifier()]
    if bad:
        raise ScaffoldError(f"tên hàm không hợp lệ: {', '.join(bad)}")
    catalog_file = completeness.catalog_file(root)
    if not catalog_file.is_file():
        raise ScaffoldError(f"không thấy {catalog_file}: hãy chạy lệnh trong bản clone của kho "
                            "mã khóa học (cài bằng pip install -e .)")
    course = catalog.load(catalog_file)
    if exercise_id in {exercise.id for exercise in course.exercises}:
        raise ScaffoldError(f"bài «{exercise_id}» đã có trong danh mục {catalog_file}; không "
                            "ghi đè gì cả")
    lesson = catalog.lesson_of(exercise_id, course.lessons)
    if lesson is None:
        raise ScaffoldError(f"danh mục chưa có bài học mang số ở đầu «{exercise_id}»: hãy thêm "
                            "một mục [[lessons]] (number, title, pages) vào tangtoc/catalog.toml "
                            "và trang của nó vào nav của mkdocs.yml trước")
    page = page or lesson.pages[0]
    if page not in lesson.pages:
        raise ScaffoldError(f"trang «{page}» không thuộc bài học {lesson.number} (chọn một "
                            f"trong: {', '.join(lesson.pages)})")
    lesson_page = root / "docs" / page
    if not lesson_page.is_file():
        raise ScaffoldError(f"không thấy trang bài học {lesson_page}")
    texts = _files(exercise_id, kind, lesson, page, functions)
    existing = [name for name in texts if (root / name).exists()]
    if existing:
        raise ScaffoldError("những tệp này đã có, không ghi đè (không tệp nào bị thay đổi): "
                            + ", ".join(existing))
    written = []
    for name, text in texts.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": never replace a file
            file.write(text)
        written.append(path)
    catalog_file.write_text(_with_entry(catalog_file.read_text(encoding="utf-8"),
                                        _entry(exercise_id, kind, page, functions),
                                        lesson.number), encoding="utf-8")
    with lesson_page.open("a", encoding="utf-8") as file:
        file.write(_card(exercise_id))
    return [*written, catalog_file, lesson_page]


def _files(exercise_id: str, kind: str, lesson: catalog.Lesson, page: str,
           functions: tuple[str, ...]) -> dict[str, str]:
    """Relative path -> text of each new file."""
    file_name = f"{exercise_id}.py"
    files = {
        f"lessons/{file_name}": _module(exercise_id, kind, lesson, page, functions, "stub"),
        f"solutions/{file_name}": _module(exercise_id, kind, lesson, page, functions, "solution"),
        f"{GRADED_PART}/test_{file_name}": _test(exercise_id, kind, functions),
    }
    if kind == "speed":
        for cheat, how in (("threads", "the same work on a thread pool, which the GIL stops"),
                           ("sequential", "the given sequential version under the task's name")):
            files[f"{completeness.CHEATS_PART}/{cheat}/{file_name}"] = _cheat(
                exercise_id, functions[0], how)
    return files


def _module(exercise_id: str, kind: str, lesson: catalog.Lesson, page: str,
            functions: tuple[str, ...], role: str) -> str:
    who = "bài làm của bạn" if role == "stub" else "lời giải tham khảo"
    given = ""
    if kind == "speed":
        given = (
            "# --8<-- [start:given]\n"
            "def solve_sequential(data: list[int]) -> list[int]:\n"
            f'    """Bản tuần tự (đã cho sẵn): {completeness.PLACEHOLDER} việc hàm làm."""\n'
            f"    # {completeness.PLACEHOLDER}: bản tuần tự của khóa học, mốc để đo tăng tốc.\n"
            "    return [x * x for x in data]\n"
            "# --8<-- [end:given]\n\n\n")
    parameters = "data: list[int], workers: int = 2" if kind == "speed" else "data: list[int]"
    bodies = []
    for name in functions:
        if role == "stub":
            body = (f"    # {completeness.PLACEHOLDER}: chỉ dẫn cho sinh viên.\n"
                    "    raise NotImplementedError(\n"
                    f'        "Chưa làm: hãy viết {name} (xem gợi ý: tangtoc hint '
                    f'{exercise_id})."\n    )\n')
        else:
            body = (f"    # {completeness.PLACEHOLDER}: lời giải tham khảo.\n"
                    f'    raise NotImplementedError("{completeness.PLACEHOLDER}: lời giải '
                    f'tham khảo của {name}")\n')
        bodies.append(f"def {name}({parameters}):\n"
                      f'    """{completeness.PLACEHOLDER}: hàm này trả về gì."""\n{body}')
    return (f'"""Bài {lesson.number:02d} – {completeness.PLACEHOLDER} tên bài tập ({who}).\n\n'
            f"Đề bài: {completeness.PLACEHOLDER} việc phải làm, bằng tiếng Việt.\n\n"
            f"- Đầu vào: {completeness.PLACEHOLDER}.\n"
            f"- Đầu ra: {completeness.PLACEHOLDER}.\n"
            f"- Ràng buộc: {completeness.PLACEHOLDER}.\n"
            f"- Bài giảng: docs/{page} («{lesson.title}»).\n"
            '"""\n\n\n'
            f"{given}# --8<-- [start:task]\n" + "\n\n".join(bodies) + "# --8<-- [end:task]\n")


def _test(exercise_id: str, kind: str, functions: tuple[str, ...]) -> str:
    name = functions[0]
    text = (f'"""Graded tests of {exercise_id}: {completeness.PLACEHOLDER} what they check."""\n\n'
            "import pytest\n\n")
    if kind == "speed":
        text += "from tangtoc import reference\nfrom tangtoc.cores import usable_cores\n\n"
    text += f'EXERCISE = "{exercise_id}"\n\n\n'
    expected = ("reference.load(EXERCISE).solve_sequential(data)" if kind == "speed"
                else "[]  # " + completeness.PLACEHOLDER)
    call = f"exercise.{name}(data, 2)" if kind == "speed" else f"exercise.{name}(data)"
    text += (
        "@pytest.mark.parametrize(\"data\", [[3, 1, 2], []])\n"
        "def test_matches_the_expected_result(exercise, data):\n"
        f"    # {completeness.PLACEHOLDER}: real cases; expected results from the sequential\n"
        "    # reference on the same data, never hard-coded where a submission could copy them.\n"
        f"    expected = {expected}\n"
        f"    assert {call} == expected, (\n"
        f'        "{completeness.PLACEHOLDER}: thông báo tiếng Việt nói sai ở đâu."\n    )\n')
    if kind == "speed":
        text += (
            "\n\n@pytest.mark.speed\n"
            "def test_faster_on_several_cores(speed_check):\n"
            "    def workload(size: int, seed: int):  # (size, seed) -> arguments of both\n"
            f"        return (list(range(seed, seed + size)),)  # {completeness.PLACEHOLDER}\n\n"
            f'    speed_check(candidate="{name}", baseline="solve_sequential", '
            "workload=workload,\n                workers=min(usable_cores(), 4))\n")
    return text


def _cheat(exercise_id: str, name: str, how: str) -> str:
    return (f'"""Cheat for the tests of the tests: {how};\n'
            f'the speed check must fail it ({completeness.PLACEHOLDER})."""\n\n'
            "from tangtoc import reference\n\n\n"
            f"def {name}(data, workers=2):\n"
            f"    # {completeness.PLACEHOLDER}: a correct answer the speed check must fail.\n"
            f'    return reference.load("{exercise_id}").solve_sequential(data)\n')


def _entry(exercise_id: str, kind: str, page: str, functions: tuple[str, ...]) -> str:
    listed = ", ".join(f'"{name}"' for name in functions)
    return (f'[[exercises]]\nid = "{exercise_id}"\n'
            f'title = "{completeness.PLACEHOLDER}: tên bài tập bằng tiếng Việt"\n'
            f'lesson = "{page}"\nkind = "{kind}"\nfunctions = [{listed}]\nhints = [\n'
            f'    "{completeness.PLACEHOLDER}: gợi ý 1, chỉ hướng đi.",\n'
            f'    "{completeness.PLACEHOLDER}: gợi ý 2, gần lời giải hơn.",\n]\n\n')


ENTRY_ID = re.compile(r'^\[\[exercises\]\]\s*\nid\s*=\s*"bai(\d\d)_', re.MULTILINE)


def _with_entry(text: str, entry: str, number: int) -> str:
    """The catalog's text with entry before the first exercise of a later lesson (and before
    the comments above it), or at the end."""
    later = next((match.start() for match in ENTRY_ID.finditer(text)
                  if int(match.group(1)) > number), None)
    if later is None:
        return text.rstrip("\n") + "\n\n" + entry.rstrip("\n") + "\n"
    lines = text[:later].splitlines(keepends=True)
    while lines and (not lines[-1].strip() or lines[-1].startswith("#")):
        lines.pop()
    head = "".join(lines).rstrip("\n") + "\n\n"
    return head + entry + text[len(head.rstrip("\n")) + 1:].lstrip("\n")


def _card(exercise_id: str) -> str:
    file = f"lessons/{exercise_id}.py"
    return (f"\n<!-- {completeness.PLACEHOLDER}: chuyển thẻ bài tập {exercise_id} dưới đây tới "
            "đúng chỗ trong trang và viết đề bài quanh nó. -->\n\n"
            f"<!-- bai-tap: {exercise_id} -->\n\n"
            f'```python title="{file} (phần bạn viết)"\n--8<-- "{file}:task"\n```\n\n'
            f'??? note "Toàn bộ tệp {file}"\n\n    ```python\n    --8<-- "{file}"\n    ```\n')

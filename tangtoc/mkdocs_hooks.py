"""MkDocs hooks: render exercise cards and the exercise list from the catalog.

In a page, `<!-- bai-tap: bai04_dem_tu -->` becomes the exercise's card (file, command, hints)
and `<!-- danh-sach-bai-tap -->` the table of all exercises. An unknown id fails the build.
"""

import re

from tangtoc import catalog, paths

CARD = re.compile(r"<!--\s*bai-tap:\s*(\w+)\s*-->")
LIST = "<!-- danh-sach-bai-tap -->"
KIND_LABELS = {"correctness": "đúng kết quả", "speed": "đúng kết quả và tăng tốc thật",
               "script": "chạy trọn chương trình dưới spawn, có giới hạn thời gian"}


def exercise_card(exercise: catalog.Exercise) -> str:
    lines = [
        f"!!! example \"Bài tập {exercise.id}: {exercise.title}\"",
        "",
        f"    - Tệp bài làm: `lessons/{exercise.file_name}`",
        f"    - Chấm: {KIND_LABELS[exercise.kind]}",
        f"    - Kiểm tra: `tangtoc check {exercise.id}`",
        "",
    ]
    for number, hint in enumerate(exercise.hints, start=1):
        lines += [f"??? tip \"Gợi ý {number}\"", "", f"    {hint}", ""]
    return "\n".join(lines)


def exercise_table() -> str:
    rows = ["| Bài tập | Tên | Bài học | Chấm |", "|---|---|---|---|"]
    for exercise in catalog.exercises():
        link = f"[{_lesson_title(exercise.lesson)}]({exercise.lesson})"
        kind = KIND_LABELS[exercise.kind]
        rows.append(f"| `{exercise.id}` | {exercise.title} | {link} | {kind} |")
    return "\n".join(rows)


def _lesson_title(lesson: str) -> str:
    """The first heading of the lesson page."""
    for line in (paths.DOCS / lesson).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return lesson


def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown = CARD.sub(lambda match: exercise_card(catalog.get(match.group(1))), markdown)
    return markdown.replace(LIST, exercise_table())

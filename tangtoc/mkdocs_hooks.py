"""MkDocs hooks: render exercise cards and the exercise list from the catalog.

In a page, `<!-- bai-tap: bai04_dem_tu -->` becomes the exercise's card (file, command, hints)
whose title is a heading with the anchor `#bai04_dem_tu` (the link of `tangtoc hint`): a search
for the exercise's title lands on it. and `<!-- danh-sach-bai-tap -->`
the table of all exercises. An unknown id fails the build.
`<!-- muc-luc: Bài học -->` lists the pages of that nav section (for "Bài học", with each
lesson's exercises), so the start page links every lesson without anyone editing it.
`<!-- trac-nghiem -->` becomes the page's scored quiz (tangtoc/quizzes/<page>.toml, rendered by
tangtoc.quiz_site) and `<!-- cau-hoi: NAME -->` its question with id NAME, asked where it stands
(a prediction before a measured table); a lesson page without its quiz marker fails the build.
A notebook's figures get the Vietnamese alternative text of their cell's `tangtoc_alt`
metadata (a list, one text per image) instead of nbconvert's English placeholder.
`--8<-- "lessons/<id>.py[:section]"` lines are filled here, before pymdownx.snippets sees them,
with the exercise's stub: the file in lessons/ while it is still an untouched stub with the
sections the page asks for, else the original stub (git or the saved copy, as `tangtoc reset`
finds it). A student who solved the exercise or edited its snippet markers away still gets
the stub on `tangtoc serve`, and the site still builds.
"""

import json
import posixpath
import re
from html import escape as html_escape

from tangtoc import catalog, paths, quiz, quiz_site, reset

CARD = re.compile(r"<!--\s*bai-tap:\s*(\w+)\s*-->")
LIST = "<!-- danh-sach-bai-tap -->"
CONTENTS = re.compile(r"<!--\s*muc-luc:\s*(.+?)\s*-->")
QUIZ = "<!-- trac-nghiem -->"
CARD_TITLE = re.compile(r'<div id="(\w+)"></div>\s*<div class="admonition example">\s*'
                        r'<p class="admonition-title">(.*?)</p>', re.DOTALL)
HEADING = re.compile(r"<h([1-6])\b")
PLACED_QUESTION = re.compile(r"<!--\s*cau-hoi:\s*([\w-]+)\s*-->")
NBCONVERT_ALT = 'alt="No description has been provided for this image"'
KIND_LABELS = {"correctness": "đúng kết quả", "speed": "đúng kết quả và tăng tốc thật",
               "script": "chạy trọn chương trình dưới spawn, có giới hạn thời gian"}


LESSON_SNIPPET = re.compile(
    r'^(?P<indent>[ \t]*)--8<-- "lessons/(?P<file>\w+\.py)(?::(?P<section>\w+))?"[ \t]*$',
    re.MULTILINE)
SECTION_MARK = re.compile(r"--8<-- \[(start|end):(\w+)\]")


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<|])")


def literal(text: str) -> str:
    """Plain text for Markdown: `__name__` in a title stays `__name__`, not bold «name»."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def exercise_card(exercise: catalog.Exercise) -> str:
    lines = [
        f'<div id="{exercise.anchor}"></div>',  # the anchor, moved to the title by card_headings
        "",
        f"!!! example \"Bài tập {literal(exercise.id)}: {literal(exercise.title)}\"",
        "",
        f"    - Tệp bài làm: `lessons/{exercise.file_name}`",
        f"    - Chấm: {KIND_LABELS[exercise.kind]}",
        f"    - Kiểm tra: `tangtoc check {exercise.id}`",
        *([f"    - Cần Python {exercise.python} trở lên (tùy chọn)"] if exercise.python else []),
        "",
    ]
    for number, hint in enumerate(exercise.hints, start=1):
        lines += [f"??? tip \"Gợi ý {number}\"", "", f"    {hint}", ""]
    return "\n".join(lines)


def exercise_table() -> str:
    rows = ["| Bài tập | Tên | Bài học | Chấm |", "|---|---|---|---|"]
    for exercise in catalog.exercises():
        link = f"[{catalog.lesson_title(exercise.lesson)}]({exercise.lesson})"
        kind = KIND_LABELS[exercise.kind]
        card = f"[`{exercise.id}`]({exercise.lesson}#{exercise.anchor}){{ .tt-id }}"
        rows.append(f"| {card} | {literal(exercise.title)} | {link} | {kind} |")
    return "\n".join(rows)


def nav_section(nav: list, name: str) -> list[tuple[str, str]]:
    """(title, page) of the pages in the nav section called name; titles default to headings."""
    for item in nav:
        if isinstance(item, dict) and isinstance(item.get(name), list):
            pages = []
            for entry in item[name]:
                title, source = next(iter(entry.items())) if isinstance(entry, dict) else (
                    None, entry)
                if isinstance(source, str):
                    pages.append((title or catalog.lesson_title(source), source))
            return pages
    raise ValueError(f"mkdocs.yml: nav has no section «{name}»")


def contents(nav: list, name: str, page_source: str) -> str:
    """A list linking every page of a nav section; lessons also name their exercises."""
    folder = posixpath.dirname(page_source)
    lines = []
    for title, source in nav_section(nav, name):
        line = f"- [{title}]({posixpath.relpath(source, folder or '.')})"
        exercises = [f"`{e.id}`" for e in catalog.exercises() if e.lesson == source]
        if exercises:
            line += ": bài tập " + ", ".join(exercises)
        lines.append(line)
    return "\n".join(lines)


def section_text(source: str, section: str | None) -> str | None:
    """The lines of a section (between its start and end marks), or of the whole file, without
    snippet marks; None when the section is not there (pymdownx.snippets' syntax)."""
    lines, inside = [], section is None
    for line in source.splitlines():
        mark = SECTION_MARK.search(line)
        if mark and mark.group(2) == section:
            if mark.group(1) == "end" and inside:
                return "\n".join(lines)
            inside = mark.group(1) == "start"
        elif inside and not mark:
            lines.append(line)
    return "\n".join(lines) if section is None else None


def stub_for_site(exercise: catalog.Exercise, sections: set[str | None]) -> str:
    """What the pages show of an exercise's file: see the module's docstring. A program to fix
    (a script, or functions with a bug rather than NotImplementedError) cannot be told from
    its fixed version: the file in lessons/ is shown while its marks are intact."""
    lesson = paths.LESSONS / exercise.file_name
    current = lesson.read_bytes() if lesson.is_file() else b""
    intact = all(section_text(current.decode("utf-8", "replace"), name) is not None
                 for name in sections)
    if intact and reset.looks_untouched(exercise, current):
        return current.decode("utf-8")
    original = _original(exercise) if exercise.kind != "script" or not intact else None
    if original is None or (intact and not reset.looks_untouched(exercise, original)):
        return current.decode("utf-8", "replace")  # a program to fix, or no original found
    return original.decode("utf-8")


_ORIGINALS: dict[str, bytes | None] = {}  # per process: `mkdocs serve` rebuilds often


def _original(exercise: catalog.Exercise) -> bytes | None:
    if exercise.id not in _ORIGINALS:
        try:
            _ORIGINALS[exercise.id] = reset.original_stub(exercise)[0]
        except reset.ResetError:
            _ORIGINALS[exercise.id] = None
    return _ORIGINALS[exercise.id]


def lesson_snippets(markdown: str) -> str:
    """The page with its lessons/ snippet lines replaced by the stubs' text."""
    by_file = {exercise.file_name: exercise for exercise in catalog.exercises()}
    wanted: dict[str, set[str | None]] = {}
    for match in LESSON_SNIPPET.finditer(markdown):
        if match.group("file") in by_file:
            wanted.setdefault(match.group("file"), set()).add(match.group("section"))
    stubs = {name: stub_for_site(by_file[name], sections) for name, sections in wanted.items()}

    def embedded(match: re.Match) -> str:
        if match.group("file") not in stubs:
            return match.group(0)  # not an exercise's file: pymdownx.snippets includes it
        text = section_text(stubs[match.group("file")], match.group("section"))
        if text is None:
            raise ValueError(f"lessons/{match.group('file')}: không có đoạn "
                             f"«{match.group('section')}» ngay cả trong bản gốc")
        indent = match.group("indent")
        return "\n".join(indent + line if line else line for line in text.splitlines())

    return LESSON_SNIPPET.sub(embedded, markdown)


def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown = lesson_snippets(markdown)
    markdown = CARD.sub(lambda match: exercise_card(catalog.get(match.group(1))), markdown)
    markdown = CONTENTS.sub(
        lambda match: contents(config["nav"], match.group(1), page.file.src_uri), markdown)
    return markdown.replace(LIST, exercise_table())


def figure_alts(notebook_path: str) -> list[str]:
    """The alternative texts of a notebook's images, in page order; one per image, or an error."""
    with open(notebook_path, encoding="utf-8") as file:
        notebook = json.load(file)
    alts = []
    for cell in notebook["cells"]:
        images = sum("image/png" in output.get("data", {}) for output in cell.get("outputs", []))
        texts = cell.get("metadata", {}).get("tangtoc_alt", [])
        if len(texts) != images:
            raise ValueError(f"{notebook_path}: ô {cell.get('id')} có {images} hình nhưng "
                             f"{len(texts)} dòng mô tả (metadata tangtoc_alt)")
        alts += texts
    return alts


def page_quiz(page_source: str) -> quiz.Quiz | None:
    try:
        return quiz.get(page_source)
    except LookupError:
        return None


def with_quiz(html: str, page_source: str) -> str:
    """The page's HTML with its quiz markers replaced; a quiz's page must carry its marker."""
    found = page_quiz(page_source)
    if found is None:
        if QUIZ in html or PLACED_QUESTION.search(html):
            raise ValueError(f"{page_source}: có dấu trắc nghiệm nhưng không có tệp "
                             f"tangtoc/quizzes/{posixpath.splitext(page_source)[0]}.toml")
        return html
    if html.count(QUIZ) != 1:
        raise ValueError(f"{page_source}: cần đúng một dấu {QUIZ} (chỗ đặt trắc nghiệm)")
    placed = PLACED_QUESTION.findall(html)
    named = {question.id for question in found.questions if question.id}
    if sorted(placed) != sorted(named):
        raise ValueError(f"{page_source}: các dấu <!-- cau-hoi: … --> ({', '.join(placed)}) "
                         f"phải khớp đúng một lần mỗi câu có id ({', '.join(sorted(named))})")
    html = PLACED_QUESTION.sub(
        lambda match: quiz_site.placed_question_html(found, match.group(1)), html)
    return html.replace(QUIZ, quiz_site.quiz_html(found, set(placed)))


def card_headings(html: str) -> str:
    """Each exercise card's title as a heading one level below the heading before it, carrying
    the card's anchor: search indexes it as a section of its own, titled with the exercise."""
    def heading(match: re.Match) -> str:
        levels = HEADING.findall(html, 0, match.start())
        level = min(int(levels[-1]) + 1 if levels else 2, 6)
        return (f'<div class="admonition example">\n<h{level} class="admonition-title tt-card" '
                f'id="{match.group(1)}">{match.group(2)}</h{level}>')
    return CARD_TITLE.sub(heading, html)


def on_page_content(html: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return with_quiz(card_headings(html), page.file.src_uri)
    alts = iter(figure_alts(page.file.abs_src_path))
    return re.sub(re.escape(NBCONVERT_ALT),
                  lambda _: f'alt="{html_escape(next(alts))}"', html)

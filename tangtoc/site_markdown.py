"""Python-Markdown extension of the course site (`- tangtoc.site_markdown` in mkdocs.yml).

An extension, not an engine's plugin or hook: MkDocs and Zensical both run it. In a page:

- `<!-- bai-tap: bai04_dem_tu -->` becomes the exercise's card (file, command, hints) whose
  title is a heading with the anchor `#bai04_dem_tu` (the link of `tangtoc hint`): a search for
  the exercise's title lands on it. An unknown id fails the build.
- `<!-- danh-sach-bai-tap -->` becomes the table of all exercises.
- `<!-- muc-luc: Bài học -->` lists the pages of that section of mkdocs.yml's nav (for "Bài học",
  with each lesson's exercises), so the start page links every lesson without anyone editing it.
  Links are relative to docs/: the marker belongs on a page at the top of docs/.
- `<!-- trac-nghiem: bai02-gil.md -->` becomes that page's scored quiz
  (tangtoc/quizzes/bai02-gil.toml, rendered by tangtoc.quiz_site) and `<!-- cau-hoi: NAME -->`
  its question with id NAME, asked where it stands (a prediction before a measured table).
  tests/project/test_quiz.py checks that each quiz's page names its own quiz.
- `--8<-- "lessons/<id>.py[:section]"` lines show the exercise's stub (tangtoc.site_stubs).
"""

import re
from pathlib import Path

import yaml
from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from tangtoc import catalog, paths, quiz, quiz_site, site_stubs

CARD = re.compile(r"<!--\s*bai-tap:\s*(\w+)\s*-->")
LIST = "<!-- danh-sach-bai-tap -->"
CONTENTS = re.compile(r"<!--\s*muc-luc:\s*(.+?)\s*-->")
QUIZ = re.compile(r"<!--\s*trac-nghiem:\s*([\w.-]+)\s*-->")
CARD_TITLE = re.compile(r'<div id="(\w+)"></div>\s*<div class="admonition example">\s*'
                        r'<p class="admonition-title">(.*?)</p>', re.DOTALL)
HEADING = re.compile(r"<h([1-6])\b")
PLACED_QUESTION = re.compile(r"<!--\s*cau-hoi:\s*([\w-]+)\s*-->")
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
        f"    - Chấm: {catalog.KIND_LABELS[exercise.kind]}",
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
        kind = catalog.KIND_LABELS[exercise.kind]
        card = f"[`{exercise.id}`]({exercise.lesson}#{exercise.anchor}){{ .tt-id }}"
        rows.append(f"| {card} | {literal(exercise.title)} | {link} | {kind} |")
    return "\n".join(rows)


def site_nav(root: Path = paths.ROOT) -> list:
    """The nav of mkdocs.yml (BaseLoader: plain strings, its !!python tags left unread)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)["nav"]


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


def contents(name: str) -> str:
    """A list linking every page of a nav section; lessons also name their exercises."""
    lines = []
    for title, source in nav_section(site_nav(), name):
        line = f"- [{title}]({source})"
        exercises = [f"`{e.id}`" for e in catalog.exercises() if e.lesson == source]
        if exercises:
            line += ": bài tập " + ", ".join(exercises)
        lines.append(line)
    return "\n".join(lines)


def expand(markdown: str) -> str:
    """The page's Markdown with its stubs, cards, exercise table and contents filled in."""
    markdown = site_stubs.lesson_snippets(markdown)
    markdown = CARD.sub(lambda match: exercise_card(catalog.get(match.group(1))), markdown)
    markdown = CONTENTS.sub(lambda match: contents(match.group(1)), markdown)
    return markdown.replace(LIST, exercise_table())


def _quiz(page: str) -> quiz.Quiz:
    try:
        return quiz.get(page)
    except LookupError:
        raise ValueError(f"<!-- trac-nghiem: {page} -->: không có tệp tangtoc/quizzes/"
                         f"{page.removesuffix('.md')}.toml") from None


def with_quiz(html: str) -> str:
    """The page's HTML with its quiz markers replaced by the quiz the marker names."""
    pages = QUIZ.findall(html)
    if not pages:
        if PLACED_QUESTION.search(html):
            raise ValueError("có dấu <!-- cau-hoi: … --> nhưng không có dấu "
                             "<!-- trac-nghiem: TRANG --> nêu trắc nghiệm của trang")
        return html
    if len(pages) != 1:
        raise ValueError(f"cần đúng một dấu <!-- trac-nghiem: … --> (có {len(pages)})")
    found = _quiz(pages[0])
    placed = PLACED_QUESTION.findall(html)
    named = {question.id for question in found.questions if question.id}
    if sorted(placed) != sorted(named):
        raise ValueError(f"{found.page}: các dấu <!-- cau-hoi: … --> ({', '.join(placed)}) "
                         f"phải khớp đúng một lần mỗi câu có id ({', '.join(sorted(named))})")
    html = PLACED_QUESTION.sub(
        lambda match: quiz_site.placed_question_html(found, match.group(1)), html)
    return QUIZ.sub(lambda _: quiz_site.quiz_html(found, set(placed)), html)


def card_headings(html: str) -> str:
    """Each exercise card's title as a heading one level below the heading before it, carrying
    the card's anchor: search indexes it as a section of its own, titled with the exercise."""
    def heading(match: re.Match) -> str:
        levels = HEADING.findall(html, 0, match.start())
        level = min(int(levels[-1]) + 1 if levels else 2, 6)
        return (f'<div class="admonition example">\n<h{level} class="admonition-title tt-card" '
                f'id="{match.group(1)}">{match.group(2)}</h{level}>')
    return CARD_TITLE.sub(heading, html)


class _Expand(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return expand("\n".join(lines)).split("\n")


class _Finish(Postprocessor):
    def run(self, text: str) -> str:
        return with_quiz(card_headings(text))


class SiteExtension(Extension):
    def extendMarkdown(self, md) -> None:  # Python-Markdown's name
        # Before pymdownx.snippets (32) fills the other snippet lines; after every other
        # postprocessor (raw HTML is back in place), like a hook on the finished page.
        md.preprocessors.register(_Expand(md), "tangtoc_site", 40)
        md.postprocessors.register(_Finish(md), "tangtoc_site", 5)


def makeExtension(**kwargs) -> SiteExtension:  # Python-Markdown's entry point
    return SiteExtension(**kwargs)

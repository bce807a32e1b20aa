"""The exercise stubs the site shows: `--8<-- "lessons/<id>.py[:section]"` lines of a page.

tangtoc.site_markdown fills these lines first, before pymdownx.snippets sees them, with the
exercise's stub: the file in lessons/ while it is still an untouched stub with the sections the
page asks for, else the original stub (git or the saved copy, as `tangtoc reset` finds it). A
student who solved the exercise or edited its snippet markers away still gets the stub on
`tangtoc serve`, and the site still builds.
"""

import re

from tangtoc import catalog, paths, reset

LESSON_SNIPPET = re.compile(
    r'^(?P<indent>[ \t]*)--8<-- "lessons/(?P<file>\w+\.py)(?::(?P<section>\w+))?"[ \t]*$',
    re.MULTILINE)
SECTION_MARK = re.compile(r"--8<-- \[(start|end):(\w+)\]")


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

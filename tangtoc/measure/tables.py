"""Measured tables: written as the pages' markdown, read back from measurements/*.md, and set
side by side (the student's machine beside the course's)."""

from dataclasses import dataclass, field
from pathlib import Path

from tangtoc.timeline import TaskSpan

MINE, COURSE = "của bạn", "khóa học"


@dataclass
class Table:
    name: str  # the course's file stem in measurements/, e.g. "bai02_gil"
    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    keys: int = 1  # leading columns that name a row (e.g. start method and worker count)
    align: str = ""  # markdown alignment row; default: keys left, values right

    def markdown(self) -> str:
        align = self.align or "|" + "---|" * self.keys + "---:|" * (len(self.header) - self.keys)
        lines = [_row(self.header), align, *map(_row, self.rows)]
        if self.caption:
            lines += ["", f"*{self.caption}*"]
        return "\n".join([*lines, ""])


@dataclass
class Figure:
    name: str  # file stem, e.g. "bai02_python_work"
    title: str
    spans: dict[str, list[TaskSpan]]  # a timeline: one group per mode

    def rows(self) -> list[TaskSpan]:
        """The spans for `plots.timeline_figure`: one row per group and worker."""
        return [TaskSpan(f"{group}: {span.worker}", span.start, span.end, span.label)
                for group, spans in self.spans.items() for span in spans]


@dataclass
class Measured:
    tables: list[Table]
    timelines: list[Figure] = field(default_factory=list)
    speedups: list[tuple[str, list[int], list[float]]] = field(default_factory=list)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def read_table(path: Path) -> Table | None:
    """The first markdown table of a measurement file and the caption under it (between
    asterisks), or None when the file is missing or holds no table."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    table = [line for line in lines if line.startswith("|")]
    if len(table) < 2:
        return None
    end = lines.index(table[-1])
    captions = [line.strip("*") for line in lines[end + 1:] if line.startswith("*")]
    return Table(path.stem, _cells(table[0]), [_cells(line) for line in table[2:]],
                 captions[0] if captions else "", align=table[1])


def side_by_side(mine: Table, course: Table | None) -> Table:
    """The page's table with a «Máy» column: under each of the student's rows, the course's row
    with the same key cells; a row only one side has shows «—» on the other."""
    keys = mine.keys
    theirs = {}
    if course is not None and course.header == mine.header:
        theirs = {tuple(row[:keys]): row[keys:] for row in course.rows}
    missing = ["—"] * (len(mine.header) - keys)
    blank = [""] * keys
    rows = []
    for row in mine.rows:
        key = tuple(row[:keys])
        rows += [[*key, MINE, *row[keys:]], [*blank, COURSE, *theirs.pop(key, missing)]]
    for key, cells in theirs.items():  # what only the course's machine measured
        rows += [[*key, MINE, *missing], [*blank, COURSE, *cells]]
    return Table(mine.name, [*mine.header[:keys], "Máy", *mine.header[keys:]], rows,
                 keys=keys + 1)


def plain_text(table: Table) -> str:
    """The table aligned in columns for a terminal."""
    rows = [table.header, *table.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) if i < table.keys else cell.rjust(width)
                 for i, (cell, width) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("─" * width for width in widths))
    return "\n".join(lines)

"""`tangtoc measure BÀI`: run a lesson's measurement here, show it beside the course's figures
(measurements/*.md), and save both in a folder the student can share: a markdown report, the
timelines as PNG and as Chrome/Perfetto trace JSON, the speed-up curve. Earlier results there
are moved aside (never overwritten); the course's measurements/ is never written."""

import datetime
import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from tangtoc import environment, paths, plots
from tangtoc.cores import usable_cores
from tangtoc.measure import LESSONS, OUT_NAME
from tangtoc.measure.bar import ProgressBar
from tangtoc.measure.tables import Measured, plain_text, read_table, side_by_side
from tangtoc.timeline import save_trace

COURSE_FIGURES = paths.ROOT / "measurements"


class MeasureError(Exception):
    """A problem the student can fix; the message is one Vietnamese sentence."""


@dataclass
class Report:
    text: str  # what the terminal shows
    written: list[Path]
    kept: list[Path]  # earlier results moved aside


def default_out() -> Path:
    base = paths.ROOT if paths.LESSONS.is_dir() else Path.cwd()
    return base / OUT_NAME


def lesson_name(wanted: str) -> str:
    """'bai02', 'bai02-gil', '2' or '02' -> 'bai02'."""
    text = wanted.strip().lower()
    if text.isdigit():
        text = f"bai{int(text):02d}"
    name = text[:5]
    if name not in LESSONS:
        raise MeasureError(f"chưa có phép đo cho «{wanted}»; hiện đo được: "
                           + ", ".join(LESSONS) + " (ví dụ: tangtoc measure bai02).")
    return name


def machine() -> str:
    return f"{environment.machine_label()} · {os.cpu_count()} CPU logic (`os.cpu_count()`)"


def measure(lesson: str, quick: bool = False, out: Path | None = None,
            target: Path | None = None) -> Report:
    out = (out or default_out()).resolve()
    if out == COURSE_FIGURES.resolve():
        raise MeasureError(f"{out} là thư mục số đo của khóa học, không ghi đè được; hãy chọn "
                           "thư mục khác sau --out.")
    module = importlib.import_module(LESSONS[lesson][0])
    command = f"tangtoc measure {lesson}" + (" --nhanh" if quick else "")
    options = {"target": target} if target else {}
    bar = ProgressBar(module.steps(quick))
    try:
        measured = module.measure(quick, bar.step, command, **options)
    except RuntimeError as error:  # a run failed in its runner process
        first = str(error).strip().splitlines()[0] if str(error).strip() else "lỗi không rõ"
        raise MeasureError(f"một lần chạy bị lỗi ({first}); nếu bạn đo bài của mình bằng "
                           "--target, hãy kiểm tra nó bằng «tangtoc check» trước.") from None
    finally:
        bar.close()
    out.mkdir(parents=True, exist_ok=True)
    files = _files(lesson, measured, out)
    kept = [_keep(path) for path in files if path.exists()]
    lines, document = _compare(lesson, measured, quick)
    _write(files, measured, document, out)
    lines += ["", "Đã ghi: " + ", ".join(str(path) for path in files)]
    if kept:
        lines.append("Kết quả cũ được giữ lại: " + ", ".join(str(path) for path in kept))
    if measured.timelines:
        lines.append("Mở tệp .json trong https://ui.perfetto.dev (Open trace file) hoặc "
                     "chrome://tracing (Load) để xem dòng thời gian của từng worker.")
    return Report("\n".join(lines), files, kept)


def _files(lesson: str, measured: Measured, out: Path) -> list[Path]:
    files = [out / f"{lesson}.md"]
    for timeline in measured.timelines:
        files += [out / f"{timeline.name}.png", out / f"{timeline.name}.json"]
    if measured.speedups:
        files.append(out / f"{lesson}_tang_toc.png")
    return files


def _keep(path: Path) -> Path:
    """Move an earlier result into cu/ under a name stamped with its time; never overwrite."""
    stamp = datetime.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    folder = path.parent / "cu"
    folder.mkdir(exist_ok=True)
    for number in range(1000):
        suffix = f"-{number}" if number else ""
        kept = folder / f"{path.stem}-{stamp}{suffix}{path.suffix}"
        if not kept.exists():
            os.rename(path, kept)
            return kept
    raise MeasureError(f"quá nhiều bản cũ trong {folder}; hãy dọn bớt rồi chạy lại.")


def _compare(lesson: str, measured: Measured, quick: bool) -> tuple[list[str], list[str]]:
    """The terminal lines and the markdown report: each table as the page shows it, then
    beside the course's."""
    page = LESSONS[lesson][1]
    lines = [f"Máy của bạn: {machine()}."]
    document = [f"# Số đo {lesson} trên máy của tôi", "", f"Máy: {machine()}.", "",
                f"Bảng giống trang docs/{page} của khóa học «Tăng tốc Python»."]
    if quick:
        note = ("Chạy với --nhanh: kích thước rất nhỏ để thử lệnh, số đo chưa đáng tin; bỏ "
                "--nhanh để đo thật.")
        lines.append(note)
        document += ["", f"**{note}**"]
    for table in measured.tables:
        course = read_table(COURSE_FIGURES / f"{table.name}.md")
        combined = side_by_side(table, course)
        lines += ["", f"Bảng {table.name} (máy bạn bên cạnh máy của khóa học):", "",
                  plain_text(combined)]
        document += ["", f"## {table.name}", "", "Trên máy của tôi:", "", table.markdown(),
                     "Bên cạnh số đo của khóa học:", "", combined.markdown()]
        if course is None:
            missing = (f"Không tìm thấy số đo của khóa học ({COURSE_FIGURES}/{table.name}.md): "
                       "cột «khóa học» để trống.")
            lines.append(missing)
            document += [missing, ""]
        else:
            lines.append(f"Máy của khóa học: {course.caption}")
            document += [f"*Máy của khóa học: {course.caption}*", ""]
    for timeline in measured.timelines:
        document += [f"![{timeline.title}]({timeline.name}.png)", "",
                     f"Dòng thời gian để mở trong https://ui.perfetto.dev: `{timeline.name}.json`.",
                     ""]
    if measured.speedups:
        document += [f"![Tăng tốc theo số tiến trình]({lesson}_tang_toc.png)", ""]
    return lines, document


def _write(files: list[Path], measured: Measured, document: list[str], out: Path) -> None:
    files[0].write_text("\n".join(document), encoding="utf-8")
    label = machine()
    for timeline in measured.timelines:
        figure = plots.timeline_figure(timeline.rows(), timeline.title)
        figure.savefig(out / f"{timeline.name}.png", dpi=110, bbox_inches="tight")
        save_trace(out / f"{timeline.name}.json", timeline.spans, note=label)
    if measured.speedups:
        method = environment.default_start_method()
        _, workers, speedups = next((curve for curve in measured.speedups if curve[0] == method),
                                    measured.speedups[0])
        figure = plots.speedup_figure(workers, speedups, title=f"Đếm từ, phương thức {method}",
                                      cores=usable_cores())
        figure.savefig(files[-1], dpi=110, bbox_inches="tight")

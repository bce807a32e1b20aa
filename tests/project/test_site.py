"""The site builds strictly and its lesson pages show the real stub and the measured table;
the figures they quote and the answers to their predictions are the measured ones."""

import html
import importlib
import io
import re
import string
import subprocess
import sys
import textwrap
import tokenize
import unicodedata

import pytest
from cli_support import fresh_course, run, student_env
from graded_runs import param_id

from tangtoc import catalog, measure, paths, quiz, site_stubs


def page_text(site, lesson: str) -> str:
    raw = (site / lesson.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


@pytest.mark.parametrize("exercise", catalog.exercises(), ids=param_id)
def test_lesson_page_embeds_the_stub_and_the_hints(site, exercise):
    text = page_text(site, exercise.lesson)
    stub = (paths.LESSONS / exercise.file_name).read_text(encoding="utf-8")
    for line in stub.splitlines():
        if line.strip() and "--8<--" not in line:
            assert line.strip() in text, f"stub line missing from the page: {line!r}"
    assert all(hint.replace("`", "") in text for hint in exercise.hints)


def test_lesson_04_shows_the_measured_table(site):
    text = page_text(site, "bai04-pool.md")
    table = (paths.ROOT / "measurements" / "bai04_pool.md").read_text(encoding="utf-8")
    caption = table.strip().splitlines()[-1].strip("*").replace("`", "")
    assert caption in text and "lõi dùng được" in caption
    assert re.search(r"fork\s*2\s*[\d.]+\s*[\d.]+\s*[\d.]+×", text)


def test_exercise_list_links_every_lesson(site):
    raw = (site / "bai-tap" / "index.html").read_text(encoding="utf-8")
    for exercise in catalog.exercises():
        assert exercise.id in raw and f'href="../{exercise.lesson_url}"' in raw
        card = f'class="tt-id" href="../{exercise.lesson_url}#{exercise.anchor}"><code>'
        assert card + exercise.id in raw, f"{exercise.id}: không dẫn tới thẻ bài tập của nó"
    css = (site / "assets" / "stylesheets" / "tangtoc.css").read_text(encoding="utf-8")
    assert re.search(r"\.tt-id\s*\{\s*white-space:\s*nowrap", css)


@pytest.mark.parametrize("exercise", catalog.exercises(), ids=param_id)
def test_the_exercise_card_has_the_anchor_tangtoc_hint_links_to(site, exercise):
    raw = (site / exercise.lesson_url / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<h[2-6] class="admonition-title tt-card" id="{exercise.anchor}">', raw), (
        "tiêu đề thẻ bài tập là một đề mục mang neo của nó (tìm kiếm dẫn thẳng tới đó)")


@pytest.mark.parametrize("exercise", catalog.exercises(), ids=param_id)
def test_an_exercise_title_reads_as_written_on_its_card_and_in_the_list(site, exercise):
    """Titles are plain text: `__name__` must not turn into a bold «name»."""
    assert f"Bài tập {exercise.id}: {exercise.title}" in page_text(site, exercise.lesson)
    assert f"{exercise.id} | {exercise.title} |" in " | ".join(
        page_text(site, "bai-tap.md").split("\n"))


def test_the_setup_page_is_right_after_the_start_page(site):
    raw = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="cai-dat/"' in raw
    text = page_text(site, "cai-dat.md")
    assert "WSL2" in text and "spawn" in text and "lõi dùng được" in text


# --- figures quoted in the text are the measured ones -----------------------------------------

MEASUREMENTS = paths.ROOT / "measurements"
START_METHOD_MS = re.compile(r"\b(?:fork|spawn|forkserver)\b[^.\n|]*?(\d+(?:[.,]\d+)?) ?ms\b")


def measured_cell(file_name: str, row: str, column: str) -> str:
    """The cell of a measurement table in the row starting with row (cells joined by ' | '),
    under the header starting with column; for 'a (b)' cells, the part in brackets (a speed-up
    next to a time)."""
    text = (MEASUREMENTS / file_name).read_text(encoding="utf-8")
    for table in re.findall(r"(?:^\|.*\n?)+", text, re.MULTILINE):
        cells = [[cell.strip() for cell in line.strip().strip("|").split("|")]
                 for line in table.strip().splitlines()]
        header, body = cells[0], cells[2:]
        matches = [line for line in body if " | ".join(line).startswith(row)]
        columns = [index for index, name in enumerate(header) if name.startswith(column)]
        if columns and matches:
            value = matches[0][columns[0]]
            return bracketed.group(1) if (bracketed := re.search(r"\((.+)\)", value)) else value
    raise AssertionError(f"{file_name}: không có ô ({row!r}, {column!r})")


# (page, measurement file, row, column, how the page quotes the cell)
QUOTED_FIGURES = [
    ("bai04-pool.md", "bai02_gil.md", "Python thuần", "4 luồng",
     "4 luồng chạy việc Python thuần ở {}"),
    ("bai04-pool.md", "bai02_gil.md", "Python thuần", "4 tiến trình", "4 tiến trình đạt {}"),
    ("bai04-pool.md", "bai02_gil.md", "Python thuần", "4 luồng", "4 luồng chạy ở {}"),
    ("bai08-sai-lam.md", "bai02_gil.md", "Python thuần", "4 luồng",
     "4 luồng chạy việc Python thuần ở {}"),
    ("bai08-sai-lam.md", "bai02_gil.md", "Python thuần", "4 tiến trình", "4 tiến trình đạt {}"),
    ("bai08-sai-lam.md", "khoi_dong_numpy.md", "`spawn`", "Mỗi tiến trình con sau đó",
     "mất {} ms khi tệp chính có `import numpy`"),
    ("bai08-sai-lam.md", "bai01_khoi_dong.md", "tiến trình, `spawn`", "Trung vị",
     "so với {} khi không"),
    ("bai04-pool-nang-cao.md", "bai04_chunksize.md", "fork | `Pool.imap`, chunksize=1",
     "Thời gian", "chunksize=1` mất {} s"),
    ("bai04-pool-nang-cao.md", "bai04_chunksize.md", "fork | `Pool.map`", "Thời gian",
     "`Pool.map` chỉ {} s"),
    ("bai10-chon-cong-cu.md", "bai01_khoi_dong.md", "luồng", "Trung vị", "| {}, thêm"),
    ("bai10-chon-cong-cu.md", "bai01_khoi_dong.md", "tiến trình, `fork`", "Trung vị",
     "{} (`fork`)"),
    ("bai10-chon-cong-cu.md", "bai01_khoi_dong.md", "tiến trình, `spawn`", "Trung vị",
     "{} (`spawn`)"),
    ("bai10-chon-cong-cu.md", "bai01_khoi_dong.md", "tiến trình, `spawn`", "Trung vị",
     "`spawn` không làm gì mất {}"),
    ("bai10-chon-cong-cu.md", "khoi_dong_numpy.md", "`spawn`", "Mỗi tiến trình con sau đó",
     "nhưng {} ms khi tệp chính"),
    ("bai10-chon-cong-cu.md", "bai04_bo_nho.md", "một luồng", "RSS", "thêm {} bộ nhớ |"),
    ("bai10-chon-cong-cu.md", "bai04_bo_nho.md", "tiến trình con, `fork`", "Bộ nhớ riêng",
     "{} (`fork`) tới"),
    ("bai10-chon-cong-cu.md", "bai04_bo_nho.md", "tiến trình con, `spawn`", "Bộ nhớ riêng",
     "tới {} (`spawn`) bộ nhớ riêng"),
    # lesson 1: memory and start-up of threads and processes, Pool(2)'s speed-up
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "một luồng", "RSS", "đo được {} RSS"),
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "một luồng", "RSS",
     "chỉ tốn {} bộ nhớ thật"),
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "tiến trình con, `fork`", "RSS",
     "có RSS {} với `fork`"),
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "tiến trình con, `fork`", "Bộ nhớ riêng",
     "nhưng chỉ {} là của riêng nó"),
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "tiến trình con, `spawn`", "Bộ nhớ riêng",
     "và {} riêng với `spawn`"),
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "tiến trình con, `fork`", "Bộ nhớ riêng",
     "tốn từ {} (`fork`) đến"),
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "tiến trình con, `spawn`", "Bộ nhớ riêng",
     "đến {} (`spawn`) bộ nhớ riêng và"),
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "tiến trình con, `fork`", "Bộ nhớ riêng",
     "`spawn`, từ {} đến"),
    ("bai01-vi-sao-song-song.md", "bai04_bo_nho.md", "tiến trình con, `spawn`", "Bộ nhớ riêng",
     "đến {} bộ nhớ riêng)"),
    ("bai01-vi-sao-song-song.md", "bai01_khoi_dong.md", "luồng", "Trung vị",
     "luồng khởi động trong {} (trung vị)"),
    ("bai01-vi-sao-song-song.md", "bai01_khoi_dong.md", "tiến trình, `fork`", "Trung vị",
     "và từ {} (`fork`) đến"),
    ("bai01-vi-sao-song-song.md", "bai01_khoi_dong.md", "tiến trình, `spawn`", "Trung vị",
     "đến {} (`spawn`) để khởi động"),
    ("bai01-vi-sao-song-song.md", "bai01_khoi_dong.md", "tiến trình, `fork`", "Trung vị",
     "khởi động từ {} với `fork`"),
    ("bai01-vi-sao-song-song.md", "bai01_khoi_dong.md", "tiến trình, `spawn`", "Trung vị",
     "đến {} với `spawn`"),
    ("bai01-vi-sao-song-song.md", "bai04_pool.md", "fork | 2", "Tăng tốc",
     "2 lõi cho {} (`fork`), không phải 2×"),
    ("bai01-vi-sao-song-song.md", "bai04_pool.md", "spawn | 2", "Tăng tốc", "cho {} (`spawn`) đến"),
    ("bai01-vi-sao-song-song.md", "bai04_pool.md", "fork | 2", "Tăng tốc",
     "đến {} (`fork`), theo bảng"),
    # lesson 4: tiny tasks, idle memory, more processes than cores
    ("bai04-pool.md", "bai04_viec_nho.md", "`pool.imap_unordered(f, items)`", "Thời gian",
     "lô 1 phần tử mất {}"),
    ("bai04-pool.md", "bai04_viec_nho.md", "`pool.imap_unordered(f, items, chunksize", "Thời gian",
     "lô 10 000 phần tử chỉ {}"),
    ("bai04-pool.md", "bai04_viec_nho.md", "`pool.imap_unordered(f, items)`", "Thời gian",
     "mất {} thay vì"),
    ("bai04-pool.md", "bai04_viec_nho.md", "`pool.imap_unordered(f, items, chunksize", "Thời gian",
     "thay vì {} (bảng đo"),
    ("bai04-pool.md", "bai04_bo_nho.md", "tiến trình con, `fork`", "Bộ nhớ riêng",
     "tốn từ {} (`fork`)"),
    ("bai04-pool.md", "bai04_bo_nho.md", "tiến trình con, `spawn`", "Bộ nhớ riêng",
     "đến {} (`spawn`) bộ nhớ riêng"),
    ("bai04-pool.md", "bai04_thua_tien_trinh.md", "spawn |", "`Pool(100)`",
     "`Pool(100)` mất {} so với"),
    ("bai04-pool.md", "bai04_thua_tien_trinh.md", "spawn |", "`Pool(2)`",
     "so với {} của `Pool(2)`; với `fork`"),
    ("bai04-pool.md", "bai04_thua_tien_trinh.md", "fork |", "`Pool(100)`", "với `fork`, {} so với"),
    ("bai04-pool.md", "bai04_thua_tien_trinh.md", "fork |", "`Pool(2)`", "so với {}: chuyển"),
    ("bai07-pipeline.md", "bai04_viec_nho.md", "`pool.imap_unordered(f, items)`", "Thời gian",
     "mất {} với lô 1 phần tử"),
    # lesson 2: its own table, quoted in its mistakes and summary
    ("bai02-gil.md", "bai02_gil.md", "Python thuần", "4 luồng", "(bảng trên: {})"),
    ("bai02-gil.md", "bai02_gil.md", "hashlib, khối 1 KiB", "4 luồng", "(bảng trên: {})"),
    ("bai02-gil.md", "bai02_gil.md", "Python thuần", "4 luồng", "Python thuần {} với luồng"),
    ("bai02-gil.md", "bai02_gil.md", "Python thuần", "4 tiến trình", ", {} với tiến trình;"),
    ("bai02-gil.md", "bai02_gil.md", "hashlib, khối 8 MiB", "4 luồng", "khối lớn {} với luồng"),
    ("bai02-gil.md", "bai02_gil.md", "hashlib, khối 1 KiB", "4 luồng", "1 KiB {} với luồng."),
    # lesson 10: the Dask exercise's local clusters
    ("bai10-vuot-mot-may.md", "bai10_dask.md", "Dask: chỉ khởi động", "Thời gian",
     "({} s cho một cụm 2 worker"),
    ("bai10-vuot-mot-may.md", "bai10_dask.md", "Dask: chỉ khởi động", "Thời gian",
     "không giao việc nào, đã mất {} s"),
    ("bai10-vuot-mot-may.md", "bai10_dask.md", "Dask: 1 worker × 1 luồng", "Thời gian",
     "({} s so với"),
    ("bai10-vuot-mot-may.md", "bai10_dask.md", "tuần tự", "Thời gian", "so với {} s)"),
    ("bai10-vuot-mot-may.md", "bai10_dask.md", "Dask: 2 worker × 1 luồng", "Tăng tốc",
     "đạt {}: hai tiến trình"),
    ("bai10-vuot-mot-may.md", "bai10_dask.md", "Dask: 2 worker × 1 luồng", "Tăng tốc",
     "trên máy của khóa học đạt {} (bảng dưới)"),
    ("bai10-vuot-mot-may.md", "bai10_dask.md", "Dask: 1 worker × 2 luồng", "Tăng tốc",
     "chỉ đạt {}: hai luồng"),
    # quizzes (tangtoc/quizzes/)
    ("bai04-pool.toml", "bai04_thua_tien_trinh.md", "fork |", "`Pool(100)`",
     "với `fork` mất {} so với"),
    ("bai04-pool.toml", "bai04_thua_tien_trinh.md", "fork |", "`Pool(2)`",
     "so với {} của `Pool(2)`, và"),
    ("bai04-pool.toml", "bai04_thua_tien_trinh.md", "spawn |", "`Pool(100)`",
     "nên `Pool(100)` mất {}."),
    ("bai04-pool.toml", "bai04_viec_nho.md", "`pool.imap_unordered(f, items)`", "Thời gian",
     "`imap_unordered` mất {}; đặt"),
    ("bai04-pool.toml", "bai04_viec_nho.md", "`pool.imap_unordered(f, items, chunksize",
     "Thời gian", "nó chỉ còn {}, ngang"),
    ("bai04-pool.toml", "bai04_viec_nho.md", "`pool.map(f, items)`", "Thời gian",
     "ngang `map` ({})"),
    ("bai04-pool-nang-cao.toml", "bai04_bo_nho.md", "tiến trình con, `fork`", "Bộ nhớ riêng",
     "chỉ tốn từ {} (`fork`)"),
    ("bai04-pool-nang-cao.toml", "bai04_bo_nho.md", "tiến trình con, `spawn`", "Bộ nhớ riêng",
     "đến {} (`spawn`) bộ nhớ riêng"),
    ("bai04-pool-nang-cao.toml", "bai04_viec_nho.md", "`pool.imap_unordered(f, items)`",
     "Thời gian", "cả trăm lần ({} so với"),
    ("bai04-pool-nang-cao.toml", "bai04_viec_nho.md", "`pool.map(f, items)`", "Thời gian",
     "so với {} với 200"),
    ("bai08-sai-lam.toml", "bai04_bo_nho.md", "tiến trình con, `fork`", "Bộ nhớ riêng",
     "tốn từ {} với `fork`"),
    ("bai08-sai-lam.toml", "bai04_bo_nho.md", "tiến trình con, `spawn`", "Bộ nhớ riêng",
     "đến {} với `spawn`"),
    ("bai08-sai-lam.toml", "bai04_thua_tien_trinh.md", "fork |", "`Pool(100)`",
     "`Pool(100)` mất {} so với"),
    ("bai08-sai-lam.toml", "bai04_thua_tien_trinh.md", "fork |", "`Pool(2)`",
     "so với {} của `Pool(2)` trên máy"),
    ("bai02-gil.toml", "bai02_gil.md", "hashlib, khối 1 KiB", "4 luồng", "4 luồng chỉ đạt {} trên"),
    ("bai02-gil.toml", "bai02_gil.md", "hashlib, khối 8 MiB", "4 luồng", "4 luồng đạt {} trên"),
    ("bai04-executor.toml", "bai04_chunksize.md", "fork | `ProcessPoolExecutor.map`, chunksize=1 ",
     "Thời gian", "mất {} s với mặc định"),
    ("bai04-executor.toml", "bai04_chunksize.md",
     "fork | `ProcessPoolExecutor.map`, chunksize=6250", "Thời gian", "so với {} s với"),
]


@pytest.mark.parametrize(("page", "file_name", "row", "column", "quote"), QUOTED_FIGURES,
                         ids=lambda value: value if value.endswith((".md", ".toml")) else "")
def test_a_figure_quoted_in_the_text_is_the_measured_one(page, file_name, row, column, quote):
    """A page (docs/*.md) or a quiz (tangtoc/quizzes/*.toml) quotes the table's cell, with the
    table's decimal point or the Vietnamese decimal comma."""
    figure = measured_cell(file_name, row, column)
    folder = quiz.QUIZ_DIR if page.endswith(".toml") else paths.DOCS
    source = (folder / page).read_text(encoding="utf-8")
    assert quote.format(figure) in source or quote.format(figure.replace(".", ",")) in source, (
        f"{page}: số liệu phải lấy từ measurements/{file_name} ({row}, {column}: {figure})")


# Predict, then measure: (page, question id, the table it stands before, the cells its answer
# quotes as (file, row, column)).
PREDICTIONS = [
    ("bai01-vi-sao-song-song.md", "du-doan-amdahl", "bai01_amdahl.md",
     [("bai01_amdahl.md", "0.95", "N = 8"), ("bai04_pool.md", "fork | 2", "Tăng tốc")]),
    ("bai02-gil.md", "du-doan-luong-python-thuan", "bai02_gil.md",
     [("bai02_gil.md", "Python thuần", "4 luồng"),
      ("bai02_gil.md", "Python thuần", "4 tiến trình")]),
    ("bai03-luong.md", "du-doan-luong-tai-url", "bai03_luong.md",
     [("bai03_luong.md", "8 luồng", "Tăng tốc"), ("bai03_luong.md", "16 luồng", "Tăng tốc")]),
    ("bai04-pool.md", "du-doan-pool-dem-tu", "bai04_pool.md",
     [("bai04_pool.md", "fork | 2", "Tăng tốc"), ("bai04_pool.md", "fork | 4", "Tăng tốc")]),
    ("bai04-pool-nang-cao.md", "du-doan-chunksize", "bai04_chunksize.md",
     [("bai04_chunksize.md", "fork | `Pool.imap`, chunksize=1 ", "So với"),
      ("bai04_chunksize.md", "fork | `Pool.imap`, chunksize=6250", "So với"),
      ("bai04_chunksize.md", "fork | `ProcessPoolExecutor.map`, chunksize=1 ", "So với")]),
]


@pytest.mark.parametrize(("page", "name", "table", "cells"), PREDICTIONS,
                         ids=lambda value: value if str(value).endswith(".md") else "")
def test_a_prediction_is_asked_before_its_table_and_answered_with_the_measured_figures(
        page, name, table, cells):
    question = next(q for q in quiz.get(page).questions if q.id == name)
    source = (paths.DOCS / page).read_text(encoding="utf-8")
    assert 0 <= source.index(f"<!-- cau-hoi: {name} -->") < source.index(
        f'--8<-- "measurements/{table}"'), f"{page}: câu dự đoán phải đứng trước bảng đo"
    assert question.prompt.startswith("Dự đoán trước khi")
    for file_name, row, column in cells:
        figure = measured_cell(file_name, row, column).replace(".", ",")
        assert figure in question.explain, (
            f"{page}, {name}: giải thích phải trích số đo {figure} của measurements/{file_name}")
        command = own_measure_command(file_name)
        assert f"`{command}`" in question.explain, f"{page}, {name}: thiếu lệnh tự đo {command}"


def own_measure_command(file_name: str) -> str:
    """What a student types to measure a table again: `tangtoc measure BÀI` where that command
    reproduces it (on any machine, beside the course's figures), else the course's script."""
    for lesson, (module, _page) in measure.LESSONS.items():
        if file_name.removesuffix(".md") == importlib.import_module(module).TABLE:
            return f"tangtoc measure {lesson}"
    return re.search(r"`(python scripts/measure_\w+\.py)",
                     (MEASUREMENTS / file_name).read_text(encoding="utf-8")).group(1)


START_UP_TABLES = ("bai01_khoi_dong.md", "khoi_dong_numpy.md", "bai05_khoi_dong_pool.md")


def start_up_numbers() -> set[str]:
    numbers = set()
    for name in START_UP_TABLES:
        text = (MEASUREMENTS / name).read_text(encoding="utf-8")
        numbers |= set(re.findall(r"\d+(?:\.\d+)?", text))
    return numbers


def test_start_up_times_in_the_text_come_from_the_measurement_files():
    """A time in ms after a start method's name, in the same sentence, on any page, is a number of
    a start-up table (the course once said forkserver took «12–14 ms» while its table said 21)."""
    known = start_up_numbers()
    stray = []
    for page in sorted(paths.DOCS.glob("*.md")):
        for figure in START_METHOD_MS.findall(page.read_text(encoding="utf-8")):
            if figure.replace(",", ".") not in known:
                stray.append(f"{page.name}: {figure} ms")
    assert stray == []


@pytest.mark.parametrize("table", sorted(MEASUREMENTS.glob("*.md")), ids=lambda path: path.stem)
def test_every_measurement_says_when_where_and_how_it_was_made(table):
    text = table.read_text(encoding="utf-8")
    if "không phải số đo" in text:  # a formula's table (Amdahl), not a measurement
        return
    assert re.search(r"[Đđ]o ngày \d\d/\d\d/\d{4}", text)
    assert "lõi dùng được" in text and "CPython" in text
    assert re.search(r"`python scripts/(measure|benchmark)_\w+\.py", text)


def test_pickling_errors_are_spelled_out_in_one_place():
    """Their text changes with every Python; only lesson 8 lists them (from the measurements)."""
    for page in sorted(paths.DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        quoted = re.findall(r"Can't (?:pickle|get) local object|attribute lookup <lambda>", text)
        if page.name != "bai08-sai-lam.md":
            assert quoted == [], f"{page.name} chép lỗi pickle: trỏ tới bảng ở bài 8"
    lesson = (paths.DOCS / "bai08-sai-lam.md").read_text(encoding="utf-8")
    assert '--8<-- "measurements/phien_ban_pickle.md"' in lesson


# --- one vocabulary ---------------------------------------------------------------------------

def glossary_rows() -> list[list[str]]:
    text = (paths.DOCS / "thuat-ngu.md").read_text(encoding="utf-8")
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| ")]
    return [row for row in rows if row[0] != "Thuật ngữ"]


def test_the_glossary_gives_each_concept_one_term_and_its_english_name():
    rows = glossary_rows()
    assert len(rows) >= 30
    terms = [row[0] for row in rows]
    assert len(set(terms)) == len(terms)
    assert all(row[1] and row[2] for row in rows)


def test_no_page_or_exercise_uses_a_term_the_glossary_sets_aside():
    avoided = [term.strip() for row in glossary_rows() for term in row[3].split(",")
               if term.strip()]
    assert "tác vụ" in avoided and "máy chủ fork" in avoided
    sources = [page for page in paths.DOCS.glob("*.md") if page.name != "thuat-ngu.md"]
    sources += [*paths.LESSONS.glob("*.py"), *paths.SOLUTIONS.glob("*.py"),
                paths.ROOT / "README.md", *(paths.DOCS / "notebooks").glob("*.ipynb")]
    # the package: catalog, quizzes, CLI messages, and the labels of every figure it draws
    sources += [path for path in (paths.ROOT / "tangtoc").rglob("*")
                if path.suffix in (".py", ".toml")]
    found = [f"{source.name}: «{term}»" for source in sorted(sources)
             for term in avoided if term in source.read_text(encoding="utf-8").lower()]
    assert found == []



def test_readme_prose_fits_in_100_characters_a_line():
    """Prose is wrapped; lines inside code blocks (commands to copy whole) are left as they are."""
    long_lines, in_code = [], False
    for number, line in enumerate(
            (paths.ROOT / "README.md").read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif not in_code and len(line) > 100:
            long_lines.append(f"README.md:{number} ({len(line)} ký tự)")
    assert long_lines == []

# --- code a student reads speaks Vietnamese -----------------------------------------------------

VIETNAMESE_LETTER = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{3,}\b(?:\W+\b[A-Za-z]{2,}\b){2,}")
PYTHON_BLOCK = re.compile(r"^([ \t]*)```py(?:thon)?[^\n]*\n(.*?)^\1```", re.MULTILINE | re.DOTALL)


def english_prose(comment: str) -> bool:
    """Three or more English words and no Vietnamese letter; code after TODO does not count."""
    text = comment.lstrip("#").strip()
    if text.startswith(("TODO", "--8<--", "noqa")):
        return False
    return bool(ENGLISH_WORDS.search(text)) and not VIETNAMESE_LETTER.search(text)


def comments(source: str) -> list[str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [token.string for token in tokens if token.type == tokenize.COMMENT]


def test_comments_in_the_course_s_code_are_in_vietnamese():
    english = [f"{stub.name}: {comment}" for stub in sorted(paths.LESSONS.glob("*.py"))
               for comment in comments(stub.read_text(encoding="utf-8"))
               if english_prose(comment)]
    for page in sorted(paths.DOCS.glob("*.md")):
        if page.name == "giao-vien.md":  # the teacher's page belongs to the grader's authors
            continue
        for _, block in PYTHON_BLOCK.findall(page.read_text(encoding="utf-8")):
            if "--8<--" not in block:  # embedded lesson files are checked above
                english += [f"{page.name}: {comment}"
                            for comment in comments(textwrap.dedent(block))
                            if english_prose(comment)]
    assert english == []


# --- Vietnamese letters render in code ----------------------------------------------------------

FONTS = paths.ROOT / "overrides" / "assets" / "fonts"
CODE_CSS = paths.ROOT / "overrides" / "assets" / "stylesheets" / "tangtoc.css"


def vietnamese_letters() -> set[str]:
    """Every letter of Vietnamese, both cases: the 12 vowels with each of the 5 tone marks
    (as single precomposed characters, the way Vietnamese text is typed) and đ."""
    vowels = "aăâeêioôơuưy"
    letters = set(vowels + vowels.upper() + "đĐ")
    for vowel in vowels + vowels.upper():
        for tone in "\u0300\u0301\u0309\u0303\u0323":
            letters.add(unicodedata.normalize("NFC", vowel + tone))
    assert all(len(letter) == 1 for letter in letters)
    return letters


def test_the_code_font_has_every_vietnamese_letter():
    from fontTools.ttLib import TTFont

    css = CODE_CSS.read_text(encoding="utf-8")
    font_file = FONTS / re.search(r'url\("\.\./fonts/([^"]+)"\)', css).group(1)
    cmap = TTFont(font_file).getBestCmap()
    letters = vietnamese_letters() | set(string.printable.strip())
    assert len(letters) > 200
    assert sorted(letter for letter in letters if ord(letter) not in cmap) == []
    assert "Open Font License" in (FONTS / "NotoSansMono-OFL.txt").read_text(encoding="utf-8")


def test_pages_load_the_code_font_from_the_site_itself(site):
    css = (site / "assets" / "stylesheets" / "tangtoc.css").read_text(encoding="utf-8")
    assert "--md-code-font:" in css and "http" not in css
    for source in ("index.md", "bai04-pool.md"):
        folder = site / source.removesuffix(".md").replace("index", "")
        assert "assets/stylesheets/tangtoc.css" in (folder / "index.html").read_text(
            encoding="utf-8")
    assert any((site / "assets" / "fonts").glob("*.woff"))


def test_every_notebook_figure_has_a_vietnamese_description(site):
    alts = []
    for page in sorted((site / "notebooks").glob("*/index.html")):
        alts += re.findall(r'<img alt="([^"]*)"', page.read_text(encoding="utf-8"))
    assert len(alts) >= 8
    assert all(VIETNAMESE_LETTER.search(alt) and len(alt) > 30 for alt in alts), alts


# --- the pages show the original stubs, whatever the student did to lessons/ ----------------

@pytest.mark.parametrize("git", [True, False], ids=["git", "ban-luu"])
def test_a_solved_file_without_its_snippet_marks_still_shows_the_original_stub(tmp_path, git):
    """A student solves bai04_dem_tu and deletes the `--8<--` marks: `tangtoc serve` must still
    build the page, showing the stub (from git, or without git from the copy the first command
    saved), not the student's file."""
    course = fresh_course(tmp_path / "khoa_hoc", git=git)
    assert run(course, "list")[0] == 0  # the first command a student runs saves the stubs
    lesson = course / "lessons" / "bai04_dem_tu.py"
    solved = (paths.SOLUTIONS / "bai04_dem_tu.py").read_text(encoding="utf-8")
    lesson.write_text(solved.replace("# --8<--", "#"), encoding="utf-8")
    shown = subprocess.run(
        [sys.executable, "-c", "from tangtoc import paths, site_stubs; print(site_stubs."
         "lesson_snippets((paths.DOCS / 'bai04-pool.md').read_text(encoding='utf-8')))"],
        env=student_env(course), capture_output=True, text=True, timeout=120, check=True).stdout
    stub = (paths.LESSONS / "bai04_dem_tu.py").read_text(encoding="utf-8")
    assert site_stubs.section_text(stub, "task") in shown
    assert "raise NotImplementedError(" in shown
    assert "imap_unordered(count_words_in_file" not in shown  # the solution's line
    assert '--8<-- "lessons/' not in shown


def test_each_lesson_title_carries_the_number_the_nav_gives_it():
    """«Bài 6a – …» in the nav is «Bài 6a – …» on the page, never «Bài 6 – …»."""
    nav = re.findall(r'^\s*- "(Bài [^"]+?) – [^"]*": (bai\S+\.md)$',
                     (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert len(nav) == len(list(paths.DOCS.glob("bai[0-9]*.md")))
    for number, page in nav:
        heading = next(line for line in (paths.DOCS / page).read_text(encoding="utf-8")
                       .splitlines() if line.startswith("# "))
        assert heading.startswith(f"# {number} – "), f"{page}: {heading} (nav: {number})"

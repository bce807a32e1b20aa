"""The site builds strictly and its lesson pages show the real stub and the measured table."""

import html
import re

import pytest
from graded_runs import param_id

from tangtoc import catalog, paths


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


@pytest.mark.parametrize("exercise", catalog.exercises(), ids=param_id)
def test_the_exercise_card_has_the_anchor_tangtoc_hint_links_to(site, exercise):
    raw = (site / exercise.lesson_url / "index.html").read_text(encoding="utf-8")
    assert f'id="{exercise.anchor}"' in raw


def test_the_setup_page_is_right_after_the_start_page(site):
    raw = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="cai-dat/"' in raw
    text = page_text(site, "cai-dat.md")
    assert "WSL2" in text and "spawn" in text and "lõi dùng được" in text

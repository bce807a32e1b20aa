"""The built site in a real browser: Debian's headless chromium, offline, on 127.0.0.1.

Everything is read from the site's own sources, so new lesson pages are checked as soon as they
are in mkdocs.yml's nav: every page renders without console errors, the exercise code on a page
is exactly the file in lessons/, mermaid diagrams become SVG, Vietnamese searches (with and
without diacritics) land on the right page, every internal link resolves, and the quizzes answer
from the keyboard with their verdict, reasons and score. Screenshots of the
home page and the first lesson go to build/screenshots/ (kept by CI as artefacts).
"""

import functools
import html
import os
import re
import shutil
import threading
import unicodedata
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from cdp import Browser

from tangtoc import catalog, paths, quiz

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CHROMIUM_NAMES = ("chromium", "chromium-browser")
SCREENSHOTS = paths.ROOT / "build" / "screenshots"
SNIPPET = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(lessons/[^"]+)"[ \t]*$', re.MULTILINE)
SECTION_MARK = re.compile(r"^\s*#\s*-{1,}8<-{1,}\s*\[(start|end):(\w+)\]\s*$")
# Core terms of the course, each searched as typed and without diacritics.
SEARCH_TERMS = ("GIL", "tiến trình", "bộ nhớ chia sẻ", "hàng đợi", "khóa")


def fold(text: str) -> str:
    """Lower case without diacritics: 'Khóa' -> 'khoa', 'đợi' -> 'doi'."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def nav_pages() -> list[str]:
    """Source files of the pages in mkdocs.yml's nav, in order."""
    config = yaml.load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)  # BaseLoader ignores the !!python tags

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]

    return [page for page in walk(config["nav"]) if "://" not in page]


def page_url(source: str) -> str:
    """Site path of a page source (directory URLs): 'a/b.md' -> '/a/b/', 'index.md' -> '/'."""
    stem = source.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return "/" + stem
    return f"/{stem}/"


def page_id(source: str) -> str:
    return source.rsplit(".", 1)[0]


def find_chromium() -> str:
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    message = "cần chromium để kiểm tra trang web (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    folder = tmp_path_factory.mktemp("chromium")
    chromium = Browser(executable, folder / "profile", log=folder / "chromium.log")
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def page(browser):
    return browser.new_page()


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_until("document.readyState === 'complete' && !!document.querySelector('h1')",
                    message=f"{url}: trang không có tiêu đề h1")


# --- every page renders without console errors, and its internal links resolve ---------------

@pytest.mark.parametrize("source", nav_pages(), ids=page_id)
def test_page_renders_without_console_errors(page, server, source):
    visit(page, server + page_url(source))
    title = page.evaluate("document.querySelector('.md-content h1').textContent.trim()")
    assert title, f"{source}: tiêu đề trống"
    page.wait_until("!document.querySelector('pre.mermaid')", timeout=20,
                    message=f"{source}: sơ đồ mermaid chưa được vẽ")
    page.settle()
    assert page.errors() == [], f"{source}: lỗi trong console của trình duyệt"


def local_target(link: str, server: str, site: Path) -> tuple[Path, str] | None:
    """The built file and fragment an internal link points to, or None for external links."""
    parsed = urllib.parse.urlsplit(link)
    if f"{parsed.scheme}://{parsed.netloc}" != server:
        return None
    path = site / urllib.parse.unquote(parsed.path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path, urllib.parse.unquote(parsed.fragment)


@pytest.mark.parametrize("source", nav_pages(), ids=page_id)
def test_internal_links_resolve(page, server, site, source):
    visit(page, server + page_url(source))
    links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    broken = []
    for link in sorted(set(links)):
        target = local_target(link, server, site)
        if target is None:
            continue
        path, fragment = target
        if not path.is_file():
            broken.append(f"{link} (không có trang)")
        elif fragment and f'id="{html.escape(fragment)}"' not in path.read_text(encoding="utf-8"):
            broken.append(f"{link} (không có mục #{fragment})")
    assert broken == [], f"{source}: liên kết hỏng"


def test_every_lesson_and_exercise_is_two_clicks_from_home(page, server, site):
    """Home links every lesson page and the exercise list; each exercise is on a linked page."""
    visit(page, server + "/")
    links = page.evaluate("[...document.querySelectorAll('.md-content a[href]')].map(a => a.href)")
    linked = {target[0] for link in links if (target := local_target(link, server, site))}
    for exercise in catalog.exercises():
        lesson = site / page_url(exercise.lesson).lstrip("/") / "index.html"
        assert lesson in linked, f"trang chủ không dẫn tới {exercise.lesson}"
        assert exercise.id in lesson.read_text(encoding="utf-8")
    assert site / "bai-tap" / "index.html" in linked, "trang chủ không dẫn tới trang Bài tập"


# --- the exercise code on a page is the file in lessons/ --------------------------------------

def expected_snippet(reference: str) -> str:
    """The text pymdownx.snippets puts on the page for 'lessons/x.py' or 'lessons/x.py:section'."""
    file_name, _, section = reference.partition(":")
    lines = (paths.ROOT / file_name).read_text(encoding="utf-8").splitlines()
    if section:
        start = lines.index(next(line for line in lines
                                 if SECTION_MARK.match(line) and f"[start:{section}]" in line))
        end = lines.index(next(line for line in lines[start:]
                               if SECTION_MARK.match(line) and f"[end:{section}]" in line))
        lines = lines[start + 1:end]
    return "\n".join(line for line in lines if not SECTION_MARK.match(line))


def normalized(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.strip("\n").splitlines())


def snippet_pages() -> list[tuple[str, str]]:
    """(page source, snippet reference) for every lessons/ file embedded by a nav page."""
    found = []
    for source in nav_pages():
        if source.endswith(".md"):
            text = (paths.DOCS / source).read_text(encoding="utf-8")
            found += [(source, reference) for reference in SNIPPET.findall(text)]
    return found


def test_every_exercise_page_embeds_its_stub():
    embedded = {(source, reference.partition(":")[0]) for source, reference in snippet_pages()}
    for exercise in catalog.exercises():
        assert (exercise.lesson, f"lessons/{exercise.file_name}") in embedded, (
            f"{exercise.lesson} không nhúng lessons/{exercise.file_name} bằng --8<--")


@pytest.mark.parametrize(("source", "reference"), snippet_pages(),
                         ids=lambda value: value.replace("/", "_"))
def test_embedded_code_matches_the_lesson_file(page, server, source, reference):
    visit(page, server + page_url(source))
    blocks = page.evaluate("[...document.querySelectorAll('.md-content pre > code')]"
                           ".map(code => code.textContent)")
    expected = normalized(expected_snippet(reference))
    assert expected in [normalized(block) for block in blocks], (
        f"{source}: không có khối mã nào đúng bằng {reference}")


# --- mermaid diagrams become SVG, offline ------------------------------------------------------

MEASUREMENT_SNIPPET = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(measurements/[^"]+)"[ \t]*$',
                                 re.MULTILINE)


def mermaid_pages() -> list[tuple[str, int]]:
    """Pages with their number of diagrams, counting those in embedded measurement files."""
    counted = []
    for source in nav_pages():
        if source.endswith(".md"):
            text = (paths.DOCS / source).read_text(encoding="utf-8")
            text += "".join((paths.ROOT / included).read_text(encoding="utf-8")
                            for included in MEASUREMENT_SNIPPET.findall(text))
            if count := len(re.findall(r"^\s*```mermaid\s*$", text, re.MULTILINE)):
                counted.append((source, count))
    return counted


def rendered_diagrams(node: dict) -> list[dict]:
    """SVG roots inside the (closed) shadow roots Material puts in each div.mermaid."""
    found = []
    attributes = dict(zip(node.get("attributes", [])[::2], node.get("attributes", [])[1::2],
                          strict=True))
    if node.get("nodeName") == "DIV" and "mermaid" in attributes.get("class", "").split():
        for shadow in node.get("shadowRoots", []):
            found += [child for child in shadow.get("children", []) if child["nodeName"] == "svg"]
    for child in node.get("children", []) + node.get("shadowRoots", []):
        found += rendered_diagrams(child)
    return found


def test_some_page_has_a_diagram():
    assert mermaid_pages()


@pytest.mark.parametrize(("source", "count"), mermaid_pages(), ids=lambda value: str(value))
def test_mermaid_diagrams_render_to_svg(page, server, source, count):
    visit(page, server + page_url(source))
    page.wait_until(f"document.querySelectorAll('div.mermaid').length === {count}",
                    message=f"{source}: cần {count} sơ đồ mermaid đã vẽ")
    svgs = rendered_diagrams(page.dom_tree())
    assert len(svgs) == count
    assert all(svg.get("childNodeCount", len(svg.get("children", []))) > 0 for svg in svgs)
    assert page.errors() == []


# --- Vietnamese letters in code use the site's own font ----------------------------------------

def test_code_is_drawn_in_the_site_font_that_has_vietnamese_letters(page, server):
    visit(page, server + page_url("bai04-pool.md"))
    family = page.evaluate("getComputedStyle(document.querySelector('.md-content pre code'))"
                           ".fontFamily")
    assert family.startswith('"Noto Sans Mono"'), family
    loaded = page.evaluate("document.fonts.load('16px \"Noto Sans Mono\"', 'kết mỗi viết đ')"
                           ".then(faces => faces.length)")
    assert loaded == 1, "trình duyệt không nạp được phông chữ mã của trang"
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Mono\"', 'ẩ ỗ ự Đ')")
    assert page.errors() == []


# --- Vietnamese search ------------------------------------------------------------------------

def page_facts(site: Path) -> dict[str, dict[str, str]]:
    """For each nav page: its URL, and its title, headings and text folded for matching."""
    facts = {}
    for source in nav_pages():
        raw = (site / page_url(source).lstrip("/") / "index.html").read_text(encoding="utf-8")
        main = raw.split('<article', 1)[-1].split("</article>", 1)[0]
        heads = re.findall(r"<h([1-3])[^>]*>(.*?)</h\1>", main, re.DOTALL)
        text = [html.unescape(re.sub(r"<[^>]+>", " ", body)) for _, body in heads]
        facts[source] = {
            "title": fold(text[0]) if text else "",
            "headings": fold(" | ".join(text)),
            "text": fold(html.unescape(re.sub(r"<[^>]+>", " ", main))),
        }
    return facts


def expected_pages(term: str, facts: dict[str, dict[str, str]]) -> set[str]:
    """Pages a search for term should land on: those with it in their title, else in a heading,
    else (search matches words, not phrases) those with every word of it in their text."""
    wanted = fold(term)
    for level in ("title", "headings"):
        if pages := {source for source, fact in facts.items() if wanted in fact[level]}:
            return pages
    words = [re.compile(rf"\b{re.escape(word)}\b") for word in wanted.split()]
    return {source for source, fact in facts.items()
            if all(word.search(fact["text"]) for word in words)}


def search(page, query: str) -> list[str]:
    """Type query into Material's search box; return the result pages' paths, best first."""
    page.evaluate(f"""(() => {{
        const input = document.querySelector('[data-md-component=search-query]');
        input.focus();
        input.value = {query!r};
        input.dispatchEvent(new KeyboardEvent('keyup', {{key: 'a'}}));
    }})()""")
    page.wait_until("document.querySelector('.md-search-result__meta')?.textContent.match(/\\d/)"
                    " || document.querySelectorAll('.md-search-result__item').length",
                    message=f"tìm «{query}»: không có kết quả nào hiện ra")
    hrefs = page.evaluate("[...document.querySelectorAll("
                          "'.md-search-result__item > .md-search-result__link')]"
                          ".map(a => a.href)")
    return [urllib.parse.urlsplit(href).path for href in hrefs]


@pytest.mark.parametrize("query", [variant for term in SEARCH_TERMS
                                   for variant in dict.fromkeys((term, fold(term)))])
def test_vietnamese_search_lands_on_the_right_page(page, server, site, query):
    expected = expected_pages(query, page_facts(site))
    if not expected:
        pytest.skip(f"chưa có trang nào nói về «{query}»")
    visit(page, server + "/")
    results = search(page, query)
    expected_urls = {page_url(source) for source in expected}
    assert results, f"tìm «{query}»: không có kết quả"
    assert results[0] in expected_urls, (
        f"tìm «{query}»: kết quả đầu là {results[0]}, cần một trong {sorted(expected_urls)}")
    assert page.errors() == []


# What students type: an exercise's title, a word that is also part of a compound, a short
# prefix. (The search helper waits for results, so every query starts on a fresh page.)
EXACT_TITLE = ("đếm từ trong nhiều tệp", "bai04-pool.md")
LOCK_PAGE = "bai03-luong.md"  # threading.Lock: «khóa»


def search_from_home(page, server: str, query: str) -> list[str]:
    visit(page, server + "/")
    return search(page, query)


def test_the_exact_exercise_title_students_type_finds_its_lesson_first(page, server):
    query, lesson = EXACT_TITLE
    for typed in (query, fold(query)):
        results = search_from_home(page, server, typed)
        assert results[0] == page_url(lesson), f"tìm «{typed}»: {results[:3]}"


@pytest.mark.parametrize("exercise", catalog.exercises(), ids=lambda exercise: exercise.id)
def test_an_exercise_title_finds_its_card(page, server, exercise):
    results = search_from_home(page, server, exercise.title)
    assert page_url(exercise.lesson) in results[:2], f"tìm «{exercise.title}»: {results[:3]}"
    cards = page.evaluate("[...document.querySelectorAll('.md-search-result__item a')]"
                          ".map(a => new URL(a.href).hash)")
    assert f"#{exercise.anchor}" in cards, "kết quả phải dẫn thẳng tới thẻ bài tập"


def test_khoa_ranks_the_lock_page_above_pages_that_only_say_khoa_hoc(page, server, site):
    course_only = {source for source, fact in page_facts(site).items()
                   if "khoa hoc" in fact["text"]
                   and not re.search(r"\bkhoa\b(?! hoc\b)", fact["text"])}
    assert course_only, "phải có trang chỉ nói «khóa học» thì phép thử mới có nghĩa"
    for typed in ("khóa", "khoa"):
        results = list(dict.fromkeys(search_from_home(page, server, typed)))
        assert page_url(LOCK_PAGE) in results, f"tìm «{typed}»: không thấy trang Lock"
        lock = results.index(page_url(LOCK_PAGE))
        above = [url for url in results[:lock] if url in {page_url(s) for s in course_only}]
        assert above == [], f"tìm «{typed}»: {above} (chỉ nói «khóa học») đứng trên trang Lock"


def test_a_short_query_does_not_light_up_vietnamese_function_words(page, server):
    search_from_home(page, server, "se")
    marked = page.evaluate("[...document.querySelectorAll('.md-search-result mark')]"
                           ".map(mark => mark.textContent.toLowerCase())")
    assert marked, "tìm «se»: không có gì được tô sáng"
    assert "sẽ" not in marked, marked
    search_from_home(page, server, "chia se")  # folding still finds «chia sẻ»
    assert "sẻ" in page.evaluate("[...document.querySelectorAll('.md-search-result mark')]"
                                 ".map(mark => mark.textContent.toLowerCase())")
    assert page.errors() == []


# --- the quizzes: answered from the keyboard, explained, scored ------------------------------

QUIZ_PAGE = "bai02-gil.md"


def shown(text: str) -> str:
    """What a reader sees of a quiz's inline Markdown (`code`, *emphasis*)."""
    return re.sub(r"[`*]", "", text)


def form_id(found: quiz.Quiz, question: quiz.Question) -> str:
    return f"tt-{found.name}-{found.questions.index(question) + 1}"


def feedback(page, form: str) -> str:
    return page.wait_until(f"document.querySelector('#{form} .tt-feedback').textContent",
                           message=f"{form}: không có phản hồi sau khi trả lời")


def test_a_quiz_answered_right_and_wrong_shows_verdicts_reasons_and_the_score(page, server):
    found = quiz.get(QUIZ_PAGE)
    total = len(found.questions)
    first, second = [q for q in found.questions if q.kind == "choice" and not q.id][:2]
    visit(page, server + page_url(QUIZ_PAGE))
    assert page.evaluate("document.querySelector('.tt-score').textContent") == (
        f"Điểm: 0/{total} (đã trả lời 0/{total} câu).")

    # Right, from the keyboard: focus the right option, Space chooses it, Enter checks.
    right = next(index for index, option in enumerate(first.options) if option.correct)
    page.evaluate(f"document.getElementById('{form_id(found, first)}-{right}').focus()")
    page.press(" ")
    page.press("Enter")
    said = feedback(page, form_id(found, first))
    assert said.startswith("✔ Đúng.") and shown(first.explain) in said
    assert "Vì sao sai" not in said

    # Wrong: the reason of the chosen option, the right answer, the explanation.
    wrong = next(index for index, option in enumerate(second.options) if not option.correct)
    form = form_id(found, second)
    page.evaluate(f"document.querySelector('label[for=\"{form}-{wrong}\"]').click();"
                  f"document.querySelector('#{form} .tt-check').focus()")
    page.press("Enter")
    said = feedback(page, form)
    right_option = next(option for option in second.options if option.correct)
    assert said.startswith("✘ Chưa đúng.")
    assert f"Vì sao sai: {shown(second.options[wrong].why)}" in said
    letter = quiz.LETTERS[second.options.index(right_option)]
    assert f"Đáp án đúng: {letter}. {shown(right_option.text)}" in said
    assert shown(second.explain) in said
    assert page.evaluate(f"document.querySelector('#{form} .tt-feedback')"
                         ".getAttribute('aria-live')") == "polite"
    assert page.evaluate("document.activeElement.classList.contains('tt-check')"), (
        "sau khi trả lời, con trỏ bàn phím phải ở lại nút «Kiểm tra»")

    # The first answer counts: choosing again changes nothing.
    page.evaluate(f"document.querySelector('#{form} .tt-check').click()")
    score = page.evaluate("document.querySelector('.tt-score').textContent")
    assert score == f"Điểm: 1/{total} (đã trả lời 2/{total} câu).", score
    assert page.evaluate(f"document.getElementById('{form}-{wrong}').disabled")

    # Dark mode: the wrong answer's mark follows the palette.
    style = (f"getComputedStyle(document.querySelector('#{form} .tt-feedback'))"
             ".borderLeftColor")
    light = page.evaluate(f"document.body.setAttribute('data-md-color-scheme', 'default');"
                          f"{style}")
    dark = page.evaluate(f"document.body.setAttribute('data-md-color-scheme', 'slate');{style}")
    assert light != dark

    page.evaluate("document.querySelector('.tt-restart').click()")
    assert page.evaluate("document.querySelector('.tt-score').textContent") == (
        f"Điểm: 0/{total} (đã trả lời 0/{total} câu).")
    assert page.evaluate(f"document.querySelector('#{form} .tt-feedback').textContent") == ""
    assert page.errors() == []


def test_an_order_question_is_put_in_order_with_the_keyboard(page, server):
    found = quiz.get(QUIZ_PAGE)
    question = next(q for q in found.questions if q.kind == "order")
    form = form_id(found, question)
    visit(page, server + page_url(QUIZ_PAGE))
    steps = f"[...document.querySelectorAll('#{form} .tt-steps > li')]"
    for place in range(len(question.steps)):
        where = f"{steps}.findIndex(li => li.dataset.step == {place})"
        while (now := page.evaluate(where)) > place:
            page.evaluate(f"{steps}[{now}].querySelector('.tt-up').focus()")
            page.press("Enter")
            assert page.evaluate(f"{steps}.indexOf(document.activeElement.closest('li'))") == (
                now - 1), "con trỏ bàn phím phải đi theo bước vừa chuyển"
    assert page.evaluate(f"{steps}.map(li => li.querySelector('.tt-step').textContent)") == [
        shown(step) for step in question.steps]
    assert "vị trí" in page.evaluate(f"document.querySelector('#{form} .tt-moved').textContent")
    page.evaluate(f"document.querySelector('#{form} .tt-check').focus()")
    page.press("Enter")
    said = feedback(page, form)
    assert said.startswith("✔ Đúng thứ tự.") and shown(question.explain) in said
    assert page.errors() == []


# --- screenshots for CI -----------------------------------------------------------------------

def test_screenshots_of_home_and_a_lesson(page, server):
    lesson = catalog.exercises()[0].lesson
    for source, name in (("index.md", "trang-chu"), (lesson, page_id(lesson))):
        visit(page, server + page_url(source))
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path)
        assert path.read_bytes().startswith(b"\x89PNG")

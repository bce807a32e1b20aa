"""A lesson's quiz as HTML for the site, made at build time from tangtoc/quizzes/*.toml.

tangtoc.site_markdown replaces the marker `<!-- trac-nghiem: PAGE -->` of a lesson page with
its quiz, and `<!-- cau-hoi: NAME -->` with the one question whose `id` is NAME (a prediction
asked before the measured table); the quiz at the marker holds the other questions.

Plain form controls, so a quiz works from the keyboard and with a screen reader: a <fieldset> of
radio buttons per multiple-choice question, an ordered list with «Lên»/«Xuống» buttons per
"order" question, a «Kiểm tra» button and a live region for the verdict. The reasons and the
explanation are in the page, hidden; overrides/assets/javascripts/quiz.js (served by the site
itself, no CDN) shows them after an answer and keeps the page's score.
"""

import html
import re

import markdown

from tangtoc import quiz

CODE_SPAN = re.compile(r"`([^`]+)`")
EMPHASIS = re.compile(r"\*([^*\s][^*]*)\*")
TAG = re.compile(r"<[^>]+>")
HIDDEN = "hidden data-search-exclude"  # answers: shown after answering, never in search results


def inline(text: str) -> str:
    """The inline Markdown the quizzes use (`code` and *emphasis*) as HTML, the rest escaped."""
    parts = CODE_SPAN.split(text)
    for index, part in enumerate(parts):
        part = html.escape(part, quote=False)
        parts[index] = (f"<code>{part}</code>" if index % 2
                        else EMPHASIS.sub(r"<em>\1</em>", part))
    return "".join(parts)


def plain(text: str) -> str:
    """The text of inline Markdown, for an attribute (aria-label)."""
    return html.escape(html.unescape(TAG.sub("", inline(text))), quote=True)


def code_block(code: str) -> str:
    """Python code highlighted the way the site's Markdown highlights a fenced block."""
    return markdown.markdown(f"```python\n{code}\n```",
                             extensions=["pymdownx.highlight", "pymdownx.superfences"])


def _choice(question: quiz.Question, field: str) -> list[str]:
    lines = ['<div class="tt-options">']
    for index, option in enumerate(question.options):
        control = f"{field}-{index}"
        right = " data-right" if option.correct else ""
        lines += [f'<div class="tt-option"{right}>',
                  f'<input type="radio" id="{control}" name="{field}" value="{index}">',
                  f'<label for="{control}"><span class="tt-letter">{quiz.LETTERS[index]}.</span> '
                  f"{inline(option.text)}</label>"]
        if not option.correct:
            lines.append(f'<div class="tt-why" {HIDDEN}>{inline(option.why)}</div>')
        lines.append("</div>")
    lines.append("</div>")
    return lines


def _order(question: quiz.Question) -> list[str]:
    lines = ['<ol class="tt-steps">']
    for step in question.shown_steps:
        label = plain(step)
        lines.append(
            f'<li data-step="{question.steps.index(step)}"><span class="tt-step">{inline(step)}'
            f'</span> <span class="tt-move"><button type="button" class="tt-up" '
            f'aria-label="Chuyển bước «{label}» lên">Lên</button> <button type="button" '
            f'class="tt-down" aria-label="Chuyển bước «{label}» xuống">Xuống</button></span></li>')
    lines += ["</ol>", '<p class="tt-moved tt-visually-hidden" aria-live="polite"></p>']
    return lines


def question_html(found: quiz.Quiz, question: quiz.Question, label: str = "") -> str:
    """One question as a form; label (e.g. «Câu 2.») starts its legend."""
    field = f"tt-{found.name}-{found.questions.index(question) + 1}"
    number = f'<span class="tt-number">{label}</span> ' if label else ""
    lines = [f'<form class="tt-question" data-kind="{question.kind}" id="{field}" novalidate>',
             "<fieldset>", f"<legend>{number}{inline(question.prompt)}</legend>"]
    if question.code:
        lines.append(code_block(question.code))
    if question.timeline:
        lines.append(f'<pre class="tt-timeline"><code>{html.escape(question.timeline)}'
                     "</code></pre>")
    lines += _order(question) if question.kind == "order" else _choice(question, field)
    lines += ["</fieldset>",
              '<button type="submit" class="md-button tt-check">Kiểm tra</button>',
              '<div class="tt-feedback" role="status" aria-live="polite"></div>',
              f'<div class="tt-explain" {HIDDEN}>{inline(question.explain)}</div>',
              "</form>"]
    return "\n".join(lines)


def quiz_html(found: quiz.Quiz, placed: set[str] = frozenset()) -> str:
    """The quiz block: every question not placed elsewhere on the page, and the page's score."""
    total = len(found.questions)
    lines = [f'<div class="tt-quiz" data-quiz="{found.name}" data-total="{total}">',
             f'<p class="tt-intro">{total} câu, mỗi câu một điểm: chọn đáp án rồi bấm '
             "«Kiểm tra» (hay Enter). Câu trả lời đầu tiên được tính điểm. Làm trong terminal: "
             f"<code>tangtoc quiz {found.name}</code>.</p>"]
    left = [question for question in found.questions if question.id not in placed]
    lines += [question_html(found, question, f"Câu {number}.")
              for number, question in enumerate(left, start=1)]
    lines += [f'<p class="tt-score" aria-live="polite">Điểm: 0/{total} (đã trả lời 0/{total} '
              "câu).</p>",
              '<button type="button" class="md-button tt-restart">Làm lại từ đầu</button>',
              "</div>"]
    return "\n".join(lines)


def placed_question_html(found: quiz.Quiz, name: str) -> str:
    """The question whose id is name, alone (a prediction before a measured table)."""
    for question in found.questions:
        if question.id == name:
            return (f'<div class="tt-quiz tt-placed" data-quiz="{found.name}">\n'
                    f"{question_html(found, question)}\n</div>")
    raise LookupError(f"{found.page}: không có câu hỏi nào có id = «{name}»")

"""`tangtoc hint`: the next progressive hint, and a link to the exercise on its lesson page.

The link points at the exercise card (`#<id>`, set by tangtoc.site_markdown). Online when
mkdocs.yml has a `site_url`; always also on the local site that `tangtoc serve` starts, which
mkdocs serves under the same path as site_url.
"""

import re
from urllib.parse import urlparse

from tangtoc import catalog, paths, progress

LOCAL_SERVER = "http://127.0.0.1:8000"  # tangtoc serve's default address


def site_url() -> str | None:
    try:
        config = (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", config, re.MULTILINE)
    return found.group(1).rstrip("/") + "/" if found else None


def lesson_links(exercise: catalog.Exercise) -> tuple[str | None, str]:
    """(online URL or None, local URL) of the exercise card."""
    page = f"{exercise.lesson_url}#{exercise.anchor}"
    online = site_url()
    base = urlparse(online).path if online else "/"
    return (online + page if online else None), f"{LOCAL_SERVER}{base}{page}"


def hint_lines(exercise: catalog.Exercise) -> list[str]:
    total = len(exercise.hints)
    if total == 0:
        lines = [f"Bài {exercise.id} chưa có gợi ý; hãy đọc lại phần bài tập trong bài giảng."]
    else:
        number = progress.next_hint_number(exercise.id, total)
        lines = [f"Gợi ý {number}/{total} cho {exercise.id}: {exercise.hints[number - 1]}"]
        lines.append("Đây là gợi ý cuối cùng." if number == total else
                     f"Còn {total - number} gợi ý nữa: gõ lại «tangtoc hint {exercise.id}» "
                     "nếu vẫn bí.")
    online, local = lesson_links(exercise)
    title = catalog.lesson_title(exercise.lesson)
    lines.append(f"Bài giảng «{title}», phần bài tập: " + (f"{online} hoặc " if online else "")
                 + f"{local} (trên máy: chạy «tangtoc serve» trước), tệp docs/{exercise.lesson}.")
    return lines

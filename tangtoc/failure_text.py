"""Vietnamese words for the failures pytest would otherwise describe in English: an error the
tests wait for that never came («DID NOT RAISE», often an error swallowed by try/except), an
error of the right kind with the wrong message (a regex diff), and the pickling errors of a
lambda or nested function handed to worker processes (whose text changes with each Python).

`explain(excinfo)` gives the student's message, or None where pytest's (or our own Vietnamese
assertion message) should stay. Used by tangtoc.pytest_plugin for every graded test, so
`tangtoc check`, `watch` and the grader's feedback all say the same.
"""

import re

from tangtoc.script_run import SYMPTOMS

DID_NOT_RAISE = re.compile(r"DID NOT RAISE (?:<class '(?:[\w.]+\.)?(\w+)'>|(\w+))")
PICKLING = ("local object ", "Can't pickle <function <lambda>", "Can't get attribute",
            "attribute lookup <lambda>")
REGEX_SPECIAL = set(".^$*+?{}[]|()")


def explain(excinfo) -> str | None:
    text = str(excinfo.value)
    expected = DID_NOT_RAISE.match(text)
    if expected:
        return did_not_raise(expected.group(1) or expected.group(2))
    if isinstance(excinfo.value, AssertionError):  # else our own message, already explained
        mismatch = _regex_mismatch(excinfo)
        return wrong_message(*mismatch) if mismatch else None
    if any(mark in text for mark in PICKLING):
        return pickling(f"{type(excinfo.value).__name__}: {text}".splitlines()[0])
    return None


def did_not_raise(name: str) -> str:
    return (f"Bài kiểm tra chờ bài làm báo lỗi {name} (đề bài yêu cầu như vậy trong trường hợp "
            f"này), nhưng hàm đã chạy xong bình thường, không báo lỗi nào. Thường là do một khối "
            f"try/except bắt lỗi rồi bỏ qua («nuốt» lỗi): hãy để lỗi lan ra cho người gọi, hoặc "
            f"raise {name}(...) với thông báo như đề yêu cầu.")


def wrong_message(pattern: str, actual: str) -> str:
    wanted = (re.sub(r"\\(.)", r"\1", pattern)
              if not REGEX_SPECIAL & set(re.sub(r"\\.", "", pattern)) else pattern)
    return (f"Bài làm có báo lỗi đúng loại, nhưng thông báo lỗi thiếu điều đề bài yêu cầu: nó "
            f"phải chứa «{wanted}».\nThông báo của bài làm: «{actual}»")


def pickling(original: str) -> str:
    meanings = [meaning for mark, meaning in SYMPTOMS.items() if mark in original]
    meaning = meanings[0] if meanings else "hàm giao cho tiến trình con không pickle được"
    return (f"Lỗi pickle: {meaning}. Tiến trình con chỉ nhận được *tên* của hàm (module + tên), "
            f"nên hàm giao cho Pool hay Executor phải là một hàm `def` ở cấp cao nhất của tệp; "
            f"cần thêm tham số cố định thì dùng functools.partial thay cho lambda "
            f"(docs/bai08-sai-lam.md, mục 2).\nLỗi gốc: {original}")


def _regex_mismatch(excinfo) -> tuple[str, str] | None:
    """(pattern, actual message) when pytest.raises(match=...) saw the wrong message: read from
    the frame that checked it (pytest 9: RaisesExc.__exit__; pytest 8: ExceptionInfo.match)."""
    for entry in reversed(excinfo.traceback):
        names = entry.frame.f_locals
        checker = names.get("self")
        if "exc_val" in names and getattr(checker, "match", None) is not None:
            match = checker.match
            return getattr(match, "pattern", match), str(names["exc_val"])
        if "regexp" in names and "value" in names:
            regexp = names["regexp"]
            return getattr(regexp, "pattern", regexp), str(names["value"])
    return None

"""The mistakes the lessons list get Vietnamese messages with their fix, never pytest's English
(tangtoc.failure_text): an error swallowed by try/except (pytest: «DID NOT RAISE»), an error
with the wrong message (pytest: a regex diff), a lambda handed to a Pool (a pickling error)."""

import pytest

from tangtoc import catalog, paths
from tangtoc.graded_run import run_graded_tests
from tangtoc.records import TestRecord

EXERCISE = catalog.get("bai04_dem_tu")
UNREADABLE = "test_unreadable_file_gives_clear_error"

SWALLOWED = '''

_counted = count_words_parallel


def count_words_parallel(paths, workers=2):
    try:
        return _counted(paths, workers)
    except ValueError:
        return Counter()
'''

VAGUE = SWALLOWED.replace("return Counter()", 'raise ValueError("không đọc được") from None')

LAMBDA = '''

def count_words_parallel(paths, workers=2):
    total = Counter()
    with Pool(workers) as pool:
        for counts in pool.map(lambda path: count_words_in_file(path), paths):
            total.update(counts)
    return total
'''


def graded(tmp_path, appended: str, *options: str) -> list[TestRecord]:
    """The records of our solution with `appended` after it (redefining the task)."""
    source = (paths.SOLUTIONS / EXERCISE.file_name).read_text(encoding="utf-8")
    (tmp_path / EXERCISE.file_name).write_text(source + appended, encoding="utf-8")
    return run_graded_tests(EXERCISE, tmp_path, "not speed", *options)


def messages(tmp_path, appended: str) -> dict[str, str]:
    """Failed test name (without parameters) → its message."""
    return {r.name.split("[")[0]: r.message
            for r in graded(tmp_path, appended) if r.outcome != "passed"}


def english_free(message: str) -> None:
    assert "DID NOT RAISE" not in message and "Regex pattern" not in message
    assert "Traceback" not in message and "assert " not in message


def test_a_swallowed_error_is_named_with_its_fix(tmp_path):
    message = messages(tmp_path, SWALLOWED)[UNREADABLE]
    assert message.startswith("Bài kiểm tra chờ bài làm báo lỗi ValueError"), message
    assert "try/except" in message and "raise ValueError(...)" in message
    english_free(message)


def test_an_error_with_the_wrong_message_says_what_it_must_contain(tmp_path):
    message = messages(tmp_path, VAGUE)[UNREADABLE]
    assert "thông báo lỗi thiếu điều đề bài yêu cầu: nó phải chứa «hong.txt»" in message, message
    assert "Thông báo của bài làm: «không đọc được»" in message
    english_free(message)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_a_lambda_given_to_a_pool_is_explained(tmp_path, start_method):
    records = graded(tmp_path, LAMBDA, "--start-method", start_method)
    failed = [r.message for r in records if r.outcome != "passed"]
    assert failed
    for message in failed:
        assert message.startswith("Lỗi pickle: hàm giao cho tiến trình con là "), message
        assert "functools.partial" in message and "Lỗi gốc: " in message


def test_a_program_to_fix_keeps_its_own_explanation():
    """bai08_lambda's stub hands a lambda to its pool: the test's message (the program's exit,
    the meaning of its error, its output) is already Vietnamese and is left whole."""
    records = run_graded_tests(catalog.get("bai08_lambda"), paths.LESSONS, "not speed")
    failed = [r.message for r in records if r.outcome != "passed"]
    assert failed
    assert all(not message.startswith("Lỗi pickle:") for message in failed), failed

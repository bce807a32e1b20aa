"""A call that hangs on a small input gets one more try (tangtoc.submission._timed_call).

CPython's Pool can hang, rarely, when an exception leaves a `with Pool` block
(python/cpython#96995): a correct submission must not be failed for that, while a submission
that always hangs is still a timeout. Real runner processes; the limits are shrunk so that the
test takes seconds.
"""

import pytest

from tangtoc import catalog, checking, paths, submission

HANGS_ONCE = '''
import time
from collections import Counter
from pathlib import Path


def count_words_parallel(paths, workers=2):
    marker = Path("da_treo_mot_lan")
    if not marker.exists():
        marker.touch()
        time.sleep(600)
    return Counter()
'''
HANGS_ALWAYS = '''
import time


def count_words_parallel(paths, workers=2):
    time.sleep(600)
'''


@pytest.fixture
def short_limits(monkeypatch):
    """Hang after 5 s; ours on an empty list (~0.2 s) then allows 2 s + 5 × its time."""
    monkeypatch.setattr(submission, "QUICK_LIMIT", 5.0)
    monkeypatch.setattr(submission, "SLOWER_ALLOWED", 5)
    monkeypatch.setattr(submission, "START_ALLOWANCE", 2.0)


def remote(tmp_path, source: str) -> submission.RemoteExercise:
    exercise = catalog.get("bai04_dem_tu")
    target = tmp_path / "bai_lam"
    target.mkdir()
    (target / exercise.file_name).write_text(source, encoding="utf-8")
    return submission.RemoteExercise(exercise, target, cwd=tmp_path, timeout=60)


def test_a_hang_that_goes_away_passes_and_is_recorded(tmp_path, short_limits):
    exercise = remote(tmp_path, HANGS_ONCE)
    assert exercise.count_words_parallel([], 2) == {}
    assert exercise.last_result.hung_before and exercise.retried_after_hang == 1


def test_a_hang_that_stays_is_a_timeout(tmp_path, short_limits):
    exercise = remote(tmp_path, HANGS_ALWAYS)
    with pytest.raises(pytest.fail.Exception, match="ở lần gọi lại"):
        exercise.count_words_parallel([], 2)
    assert exercise.last_result.status == "timeout" and exercise.retried_after_hang == 0


HANGS_ON_FIRST_CALL = '''

import time as _time
from pathlib import Path as _Path

_amdahl_speedup = amdahl_speedup


def amdahl_speedup(*args, **kwargs):
    marker = _Path({marker!r})
    if not marker.exists():
        marker.touch()
        _time.sleep(600)
    return _amdahl_speedup(*args, **kwargs)
'''


def test_check_passes_a_call_that_hung_once_and_tells_why(tmp_path):
    """Real limits, through `tangtoc check`'s own path: the student passes, and learns about
    the Pool hang and its fix at the moment it happened."""
    exercise = catalog.get("bai01_amdahl")
    marker = tmp_path / "da_treo_mot_lan"
    target = tmp_path / "bai_lam"
    target.mkdir()
    reference = (paths.SOLUTIONS / exercise.file_name).read_text(encoding="utf-8")
    (target / exercise.file_name).write_text(
        reference + HANGS_ON_FIRST_CALL.format(marker=str(marker)), encoding="utf-8")
    outcome = checking.check(exercise, target)
    assert marker.exists() and outcome.passed, outcome
    assert any("1 lần gọi bị treo" in line and "cpython#96995" in line
               for line in outcome.details), outcome.details

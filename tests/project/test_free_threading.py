"""The exercise graded only without the GIL (bai02_khong_gil), on a GIL build: every path
that could grade it says why it cannot, and none counts it as passed."""

import pytest

from tangtoc import catalog, checking, environment, paths
from tangtoc.graded_run import run_graded_tests

EXERCISE = catalog.get("bai02_khong_gil")

pytestmark = pytest.mark.skipif(not environment.gil_enabled(),
                                reason="GIL đang tắt: bài được chấm thật ở đây")


def test_the_catalog_says_why_in_vietnamese():
    assert not EXERCISE.available and EXERCISE.needs == "cần Python không GIL"
    assert "không có GIL" in EXERCISE.unavailable_reason
    assert "không tính là đạt" in EXERCISE.unavailable_reason


def test_check_reports_unavailable_never_passed():
    outcome = checking.check(EXERCISE, paths.SOLUTIONS)
    assert outcome.status == "unavailable" and not outcome.passed
    assert outcome.verdict == EXERCISE.unavailable_reason


def test_its_speed_check_is_skipped_with_the_reason_even_on_the_reference():
    records = run_graded_tests(EXERCISE, paths.SOLUTIONS, "speed")
    assert records and all(r.outcome == "skipped" for r in records), records
    assert all(r.message == EXERCISE.unavailable_reason for r in records)


def test_a_missing_extra_names_the_install_command():
    reason = catalog._extra(("tangtoc_khong_co_goi_nay",), "cum")()
    assert "tangtoc_khong_co_goi_nay" in reason and "pip install -e '.[cum]'" in reason
    assert catalog._extra(("json",), "cum")() == ""

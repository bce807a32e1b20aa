"""Tests of the tests: every graded test fails on the untouched stub, every speed check fails
on the cheats its catalog entry lists (a thread-pool and a sequential version of the reference,
or only the sequential one where threads are the right tool), and the reference passes under
every start method."""

import multiprocessing
import re

import pytest
from graded_runs import (
    CHEATS,
    VIETNAMESE_LETTER,
    caught_by_a_method_check,
    figures,
    param_id,
    speed_records,
)

from tangtoc import catalog, environment, paths
from tangtoc.graded_run import run_graded_tests

EXERCISES = catalog.exercises()
# A speed exercise this Python cannot run (e.g. graded only without the GIL) skips everywhere:
# the test above shows it; its speed checks run where it is available (the CI matrix).
SPEED_EXERCISES = [e for e in EXERCISES if e.kind == "speed" and e.available]
LISTED_CHEATS = [(e, cheat) for e in SPEED_EXERCISES for cheat in e.cheats]


def _with_cheat(kind: str) -> list[catalog.Exercise]:
    """Exercises that have an optional cheat of this kind in tests/project/cheats/<kind>/."""
    return [e for e in EXERCISES if (CHEATS / kind / e.file_name).is_file()]


@pytest.mark.parametrize("exercise", EXERCISES, ids=param_id)
def test_every_correctness_test_fails_on_the_stub_in_vietnamese(exercise):
    # An exercise this Python cannot run (catalog "python") skips, saying why, in Vietnamese.
    outcome = "failed" if exercise.available else "skipped"
    for record in run_graded_tests(exercise, paths.LESSONS, "not speed"):
        assert record.outcome == outcome, record
        assert VIETNAMESE_LETTER.search(record.message), record


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if not e.available], ids=param_id)
def test_an_exercise_this_python_cannot_run_skips_even_on_the_reference(exercise):
    for record in run_graded_tests(exercise, paths.SOLUTIONS, "not speed"):
        assert record.outcome == "skipped", record
        assert record.message == exercise.unavailable_reason or (
            exercise.python and exercise.python in record.message), record


@pytest.mark.parametrize(("exercise", "cheat"), LISTED_CHEATS, ids=param_id)
def test_cheats_are_correct_so_only_the_speed_check_can_catch_them(exercise, cheat):
    for record in run_graded_tests(exercise, CHEATS / cheat, "not speed"):
        caught = caught_by_a_method_check(exercise.id, cheat, record.nodeid)
        assert record.outcome == ("failed" if caught else "passed"), record


@pytest.mark.parametrize("exercise", _with_cheat("patch_judge"), ids=param_id)
def test_patching_the_judge_from_the_submission_changes_nothing(exercise):
    records = run_graded_tests(exercise, CHEATS / "patch_judge", "not speed")
    main_tests = [r for r in records if "matches_sequential" in r.nodeid]
    assert main_tests and all(r.outcome == "failed" for r in main_tests), records


# Answers made up without waiting on the judge's server (attack review, Dec 2026): the pages
# depend on a key only the judge knows, so they are wrong, whatever their speed.
MADE_UP_PAGES = [(e, cheat) for cheat in ("no_request", "no_wait") for e in _with_cheat(cheat)]


@pytest.mark.parametrize(("exercise", "cheat"), MADE_UP_PAGES, ids=param_id)
def test_pages_made_up_without_asking_the_server_fail(exercise, cheat):
    records = run_graded_tests(exercise, CHEATS / cheat, "not speed")
    fetched = [r for r in records if re.search(r"::test_(fetch_all_)?matches_sequential", r.nodeid)]
    assert fetched and all(r.outcome == "failed" for r in fetched), records


@pytest.mark.speed
@pytest.mark.parametrize(("exercise", "cheat"), MADE_UP_PAGES, ids=param_id)
def test_pages_made_up_without_asking_the_server_get_no_io_speed_pass(exercise, cheat):
    records = run_graded_tests(exercise, CHEATS / cheat, "speed", "-k", "overlap")
    assert records and all(r.outcome == "failed" for r in records), records


def test_a_reply_the_submission_writes_itself_is_only_its_answer():
    """The submission writes the runner's reply before the runner does (a reply used to
    carry the bytes written, counted in the runner's process): its answer is taken, but the
    bytes written are the judge's measure, so pickling the array is still caught."""
    records = run_graded_tests(catalog.get("bai06_nhan_doi_shm"), CHEATS / "forged_reply",
                               "not speed")
    shared = [r for r in records if "stays_in_one_shared_block" in r.nodeid]
    assert shared and all(r.outcome == "failed" and "MiB" in r.message for r in shared), records
    assert all(r.outcome == "passed" for r in records if "matches_sequential" in r.nodeid), records


@pytest.mark.speed
@pytest.mark.parametrize("exercise", SPEED_EXERCISES, ids=param_id)
def test_speed_check_fails_on_the_stub(exercise):
    for record in run_graded_tests(exercise, paths.LESSONS, "speed"):
        assert record.outcome == "failed", record
        assert "NotImplementedError" in record.message, record


@pytest.mark.speed
@pytest.mark.parametrize(("exercise", "cheat"), [
    *LISTED_CHEATS,
    *((e, "import_time") for e in _with_cheat("import_time")),
], ids=param_id)
def test_speed_check_fails_on_cheats(exercise, cheat):
    if cheat == "threads" and not environment.gil_enabled():
        pytest.skip("Python không có GIL: luồng có thể tăng tốc thật nên không còn là gian lận.")
    for record in speed_records(exercise, CHEATS / cheat):
        assert record.outcome == "failed", figures(record)
        assert failed_on_its_timing(record), figures(record)


def failed_on_its_timing(record) -> bool:
    """A measured verdict, not a crash: too slow, or fast enough but on about one core. A shared
    VM's noise once made our own sequential code, run as a cheat, time 1.56× faster than itself
    as the baseline; the CPU evidence (one core) still failed it, as designed."""
    speed = record.properties.get("speed")
    if speed is None or speed["failure"] is not None:
        return False
    return record.message.startswith("chỉ tăng tốc") or speed["proof_failed"]


OTHER_START_METHODS = [m for m in multiprocessing.get_all_start_methods()
                       if m != environment.default_start_method()]


# Dask starts its workers with its own method (distributed.worker.multiprocessing-method,
# spawn by default), whatever multiprocessing's default is: another start method would time
# the very same thing again (≈ 80 s each).
OWN_START_METHOD = {"bai10_dask_log"}


@pytest.mark.speed
@pytest.mark.parametrize("exercise", [e for e in SPEED_EXERCISES if e.id not in OWN_START_METHOD],
                         ids=param_id)
@pytest.mark.parametrize("start_method", OTHER_START_METHODS)
def test_reference_passes_the_speed_check_under(exercise, start_method):
    """The default start method is covered by the suite's own run of the graded tests. A check
    that found the machine busy is run again (graded_runs.speed_records); never failed."""
    for record in speed_records(exercise, paths.SOLUTIONS, "--start-method", start_method):
        assert record.outcome == "passed", figures(record)
        assert record.properties["speed"]["start_method"] == start_method
        # Every check of the test is kept (bai06_truyen_hay_chia_se runs two), the last as "speed".
        checks = record.properties["speed_checks"]
        assert checks[-1] == record.properties["speed"], record
        assert all(check["start_method"] == start_method for check in checks), record
        assert len(checks) == 2 or "truyen_hay_chia_se" not in record.nodeid, record

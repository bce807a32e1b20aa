"""Tests of the method checks (issue 22): each exercise's graded tests judge the *method* its
statement teaches, not only the output. A plausible wrong method whose output is right
(tests/project/wrong/<kind>/) fails exactly the check that watches for it, with a message naming the
mistake, and passes every other correctness test; correct designs written apart from the
reference (tests/project/alternatives/<name>/) pass every correctness test."""

import os
import re

import pytest
from graded_runs import param_id

from tangtoc import catalog, paths
from tangtoc.graded_run import run_graded_tests

WRONG = paths.PROJECT_TESTS / "wrong"
ALTERNATIVES = paths.PROJECT_TESTS / "alternatives"

# (kind of mistake, exercise, the tests that must catch it (a regular expression searched in
# their node ids), words their message must contain)
WRONG_METHODS = [
    ("cpu_count", "bai08_qua_tai", "test_no_more_workers_than_usable_cores", "os.cpu_count()"),
    ("join_before_drain", "bai07_nha_san_xuat", "test_many_results_are_taken_out_before_join",
     "deadlock"),
    ("progress_after_map", "bai04_tien_do", "test_progress_is_printed_while_the_tasks_run",
     "in sau pool.map"),
    ("progress_in_two_chunks", "bai04_tien_do", "test_progress_is_printed_while_the_tasks_run",
     "chunksize quá lớn"),
    ("table_by_argument", "bai06_truyen_hay_chia_se",
     "test_the_table_is_shared_not_sent_to_the_workers", "bảng đã được pickle"),
    ("slices_by_pickle", "bai06_nhan_doi_shm", "test_the_array_stays_in_one_shared_block",
     "các lát của mảng đã được pickle"),
    ("pixels_through_queue", "bai07_day_chuyen_anh",
     "test_only_batch_bounds_travel_through_the_queues", "điểm ảnh đã đi qua hàng đợi"),
    ("global_model", "bai05_mo_hinh", r"once_per_worker\[(spawn|forkserver)",
     "biến toàn cục"),
    ("answers_in_parent", "bai07_ong_dan", "test_each_request_crosses_the_pipe_on_its_own",
     "không đi qua Pipe từng cái một"),
    ("requests_in_args", "bai07_ong_dan", "test_each_request_crosses_the_pipe_on_its_own",
     "không đi qua Pipe từng cái một"),
    ("no_pool", "bai04_gom_ket_qua", "test_the_fees_are_computed_in_the_pool",
     "gần như mọi phép tính chạy trong tiến trình chính"),
    ("no_pool", "bai04_thu_loi", "test_the_lines_are_parsed_in_worker_processes",
     "gần như mọi phép tính chạy trong tiến trình chính"),
    ("lines_to_parent", "bai09_log_song_song", "test_workers_send_back_tables_not_lines",
     "các dòng log đã đi qua ống"),
    ("pause_dropped", "bai03_bo_dem", "test_the_read_pause_write_steps_are_kept_and_locked",
     "không còn gọi pause()"),
    ("in_main_process", "bai05_khoi_dong", "test_each_block_is_summed_in_its_own_process",
     "gần như mọi phép tính chạy trong tiến trình chính"),
    ("in_main_process", "bai08_hang_doi", "test_the_records_are_still_made_in_a_child_process",
     "không tạo tiến trình con nào"),
    ("in_main_process", "bai08_lambda", "test_the_prices_are_still_computed_in_child_processes",
     "không tạo tiến trình con nào"),
    ("in_main_process", "bai08_thieu_main", "test_the_squares_are_still_computed_in_the_pool",
     "không tạo tiến trình con nào"),
    ("in_main_process", "bai08_shm_ro_ri", "test_leaves_no_shared_memory_behind",
     "không tạo tiến trình con nào"),
    ("untracked_leak", "bai08_shm_ro_ri", "test_leaves_no_shared_memory_behind", "vẫn còn"),
    ("sequential_threads", "bai02_nguyen_to", "test_the_threads_version_runs_in_threads",
     "chạy tuần tự trong luồng chính"),
    ("processes_for_threads", "bai02_nguyen_to", "test_the_threads_version_runs_in_threads",
     "trong các tiến trình con"),
    ("processes_for_threads", "bai02_bam_tep", "test_the_files_are_hashed_in_threads",
     "trong các tiến trình con"),
    ("processes_for_threads", "bai02_khong_gil", "test_the_primes_are_found_in_threads",
     "trong các tiến trình con"),
    ("unlocked_total", "bai06_bo_dem", "test_every_write_to_the_counter_holds_its_own_lock",
     "không giữ khóa của chính Value"),
    ("own_lock", "bai06_bo_dem", "test_every_write_to_the_counter_holds_its_own_lock",
     "không giữ khóa của chính Value"),
    ("in_client", "bai10_dask_log", "test_the_files_are_counted_on_the_cluster",
     "gần như mọi phép tính chạy trong tiến trình chính"),
]
# Correct designs written apart from the reference, one folder per design: (design, exercise).
CORRECT_ALTERNATIVES = [(path.parent.name, path.stem)
                        for path in sorted(ALTERNATIVES.glob("*/*.py"))]
NEEDS_TWO_CPUS = {"cpu_count"}  # on one CPU, os.cpu_count() may well be right
# Races that a run shows only now and then (two final adds overlapping): the tests that run
# the code may catch them too, and then must say what was lost.
SOMETIMES_SEEN = {"unlocked_total": "bị mất", "own_lock": "bị mất"}


def test_every_fixture_is_listed():
    listed = {WRONG / kind / f"{exercise}.py" for kind, exercise, *_ in WRONG_METHODS}
    assert set(WRONG.glob("*/*.py")) == listed
    assert {exercise for _, exercise in CORRECT_ALTERNATIVES} <= {e.id for e in catalog.exercises()}


def _skip_where_not_graded(exercise_id: str) -> None:
    """An exercise this Python cannot run (e.g. graded only without the GIL) skips all its
    tests (tests/project/test_graded_tests.py shows it); its method checks run where it can (CI)."""
    exercise = catalog.get(exercise_id)
    if not exercise.available:
        pytest.skip(exercise.unavailable_reason)


@pytest.mark.parametrize(("kind", "exercise_id", "test_name", "words"), WRONG_METHODS,
                         ids=[f"{kind}-{exercise}" for kind, exercise, *_ in WRONG_METHODS])
def test_a_wrong_method_fails_the_check_that_names_it(kind, exercise_id, test_name, words):
    if kind in NEEDS_TWO_CPUS and len(os.sched_getaffinity(0)) < 2:
        pytest.skip("Cần ít nhất 2 lõi để thấy khác biệt.")
    _skip_where_not_graded(exercise_id)
    records = run_graded_tests(catalog.get(exercise_id), WRONG / kind, "not speed")
    caught = [r for r in records if re.search(test_name, r.nodeid)]
    assert caught and all(r.outcome == "failed" and words in r.message
                          for r in caught), caught
    others = [r for r in records if not re.search(test_name, r.nodeid)]
    seen = SOMETIMES_SEEN.get(kind)
    assert all(r.outcome == "passed" or (seen and seen in r.message) for r in others), others


@pytest.mark.parametrize(("name", "exercise_id"), CORRECT_ALTERNATIVES, ids=param_id)
def test_a_correct_alternative_passes(name, exercise_id):
    _skip_where_not_graded(exercise_id)
    records = run_graded_tests(catalog.get(exercise_id), ALTERNATIVES / name, "not speed")
    assert all(r.outcome == "passed" for r in records), records

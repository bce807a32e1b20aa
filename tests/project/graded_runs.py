"""Helpers shared by the tests of the tests."""

import re

from tangtoc import paths

VIETNAMESE_LETTER = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
CHEATS = paths.PROJECT_TESTS / "cheats"


def param_id(value) -> str:
    """Readable parametrize ids: an exercise shows as its id."""
    return getattr(value, "id", str(value))


# Cheats whose wrong method a correctness test also catches, without timing it (issue 22):
# (exercise, cheat) -> a regular expression matching the node ids of those tests.
CAUGHT_BY_A_METHOD_CHECK = {
    ("bai06_truyen_hay_chia_se", "pickle_per_task"):
        "test_the_table_is_shared_not_sent_to_the_workers",
    ("bai02_nguyen_to", "sequential"): "test_the_(threads|processes)_version_runs_in_",
    ("bai02_nguyen_to", "threads"): "test_the_processes_version_runs_in_processes",
    ("bai02_nguyen_to", "fast_sequential"): "test_the_(threads|processes)_version_runs_in_",
    ("bai02_bam_tep", "sequential"): "test_the_files_are_hashed_in_threads",
    ("bai02_khong_gil", "sequential"): "test_the_primes_are_found_in_threads",
    ("bai10_dask_log", "threads"): "test_the_files_are_counted_on_the_cluster",
}


def caught_by_a_method_check(exercise_id: str, cheat: str, nodeid: str) -> bool:
    """Whether this test of the exercise checks the method the cheat gets wrong."""
    pattern = CAUGHT_BY_A_METHOD_CHECK.get((exercise_id, cheat))
    return pattern is not None and re.search(pattern, nodeid) is not None

"""Helpers shared by the tests of the tests."""

import re

from tangtoc import paths
from tangtoc.graded_run import run_graded_tests
from tangtoc.records import Status

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


BUSY_TRIES = 3  # runs of a speed test whose check found the machine busy, in all


def speed_records(exercise, target, *options: str) -> list:
    """The records of an exercise's speed tests. A check that found the machine busy gave no
    verdict ("máy đang bận … thử lại", status not_gradable): the run is tried again, as the
    message tells the student to, up to BUSY_TRIES runs in all; the last run's records."""
    for _ in range(BUSY_TRIES):
        records = run_graded_tests(exercise, target, "speed", *options)
        if not any(check["status"] == Status.NOT_GRADABLE for record in records
                   for check in record.properties.get("speed_checks", [])):
            break
    return records


def figures(record) -> str:
    """A record's outcome, message and every speed check's measured figures, short enough to
    read in an assertion's message (the record's repr is cut)."""
    lines = [f"{record.nodeid}: {record.outcome} ({record.status}) {record.message[:600]}"]
    for check in record.properties.get("speed_checks", []):
        seconds = {key: [round(value, 2) for value in check[key]] for key in (
            "baseline_seconds", "candidate_seconds", "one_worker_seconds",
            "self_candidate_seconds")}
        backgrounds = {key: [None if value is None else round(value, 2) for value in check[key]]
                       for key in ("baseline_background", "candidate_background")}
        picked = {key: check.get(key) for key in (
            "status", "start_method", "speedup", "threshold", "cpu_cores_used", "cores_needed",
            "self_speedup", "one_worker_cores", "proof_failed", "first_series_speedup",
            "workload_size", "failure")}
        lines.append(f"  {picked} {seconds} {backgrounds}")
    return "\n".join(lines)

"""Graded tests of bai10_dask_log (optional, the [cum] extra): log counting on a Dask cluster.

The real engine, no home-made scheduler: the student's function starts
`LocalCluster(processes=True, n_workers=workers, threads_per_worker=1, dashboard_address=None)`
itself, inside the call, and closes it before returning. Issue 19 asked for one module-scoped
cluster started by the test module; we deviate on purpose. A cluster started by the judge would
run the student's functions (count_file, merge_counts, whatever the submission sends) in worker
processes of the judge's, outside the grader's bubblewrap sandbox (DESIGN.md §4 rule 0, §5:
student code runs only through runner calls). Started inside the call, the scheduler and its
workers are in the runner's process tree and sandbox (loopback works in the sandbox's network
namespace), die with the call, and their CPU counts for the proof of parallel work. The price
is the cluster's start-up in every call (≈ 1 s on 2 cores), part of the candidate's time: the
speed check's workload is sized so our sequential version takes ≈ 8 s: on 2 cores (threshold
1.30×, 4 rounds each, 05/12/2026) the reference reached 1.31–1.39× at 4 s and 1.32–1.42× at 6 s;
the longer the work, the less the fixed start-up weighs. That was still too close: see
CLUSTER_THRESHOLD.

The counting must run on the cluster, which the judge checks from the CPU a bigger input adds
in the processes the call started (tests/graded/worker_cpu.py): a cluster given one trivial task
while the client counts every file itself gives the right summary and must fail.

Where dask/distributed are missing, every test is skipped with the catalog's Vietnamese reason,
never counted as passed."""

import shutil
from collections import Counter

import pytest
from worker_cpu import assert_extra_work_in_workers

from tangtoc import catalog, reference
from tangtoc.cores import usable_cores
from tangtoc.datasets import write_log_files

EXERCISE = "bai10_dask_log"
CALL_TIMEOUT = 60.0  # starting a cluster takes seconds, not a minute
# The cluster's start-up, its spawned workers' imports and its shut-down (≈ 2 s on 2 cores, all
# imposed by the statement) weigh on every call: at 8 s of sequential work the reference
# measured 1.33× on a quiet machine (7 rounds, 1.04–1.41×; 07/12/2026) and, on CI's shared VM,
# 1.22×, then 1.21× and 1.09× in two series, its tree on 1.8 cores each time, where the default
# threshold asks 1.30×. So the check asks what the engine can give at this size: faster than
# our sequential version at all, while the proof of parallel work stays whole: ≈ p cores busy,
# and 1 + 0.2·(p − 1) faster with its p workers than with one (1.48× measured). One worker
# (0.84×), a worker of two threads (0.93×) and sequential code still fail.
CLUSTER_THRESHOLD = 1.0

pytestmark = pytest.mark.skipif(not catalog.get(EXERCISE).available,
                                reason=catalog.get(EXERCISE).unavailable_reason or "-")


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    return write_log_files(tmp_path_factory.mktemp("log"), n_files=9, lines_per_file=3000,
                           seed=2027)


def expected_summary(paths) -> dict:
    return reference.load(EXERCISE).analyze_sequential(paths)


def test_matches_sequential_summary(exercise, logs):
    summary = exercise.analyze_dask(logs, 2)
    assert isinstance(summary, dict), "Kết quả phải là dict do summarize(...) trả về."
    assert summary == expected_summary(logs), (
        "Bản tóm tắt khác với bản tuần tự: mỗi tệp phải được đếm đúng một lần và mọi bảng "
        "đếm phải được gộp (9 tệp: số lẻ, nên ở mỗi tầng gộp có một bảng đếm chờ tầng sau).")


def test_empty_input_gives_empty_summary(exercise):
    assert exercise.analyze_dask([], 2) == expected_summary([]) == reference.load(
        EXERCISE).summarize(Counter()), (
        "Danh sách tệp rỗng phải cho bản tóm tắt rỗng như analyze_sequential([]).")


def test_one_file_and_more_workers_than_files(exercise, logs):
    assert exercise.analyze_dask(logs[:1], 2) == expected_summary(logs[:1]), (
        "Sai kết quả với một tệp duy nhất (không có gì để gộp, cụm có 2 worker).")


def test_unreadable_file_gives_clear_error(exercise, logs, tmp_path):
    with pytest.raises(ValueError, match=r"khong_co\.log"):
        exercise.analyze_dask([*logs[:3], tmp_path / "khong_co.log"], 2)


def test_the_files_are_counted_on_the_cluster(exercise, logs, tmp_path):
    exercise.analyze_dask(logs[:1], 2)
    small = exercise.last_result
    files = write_log_files(tmp_path, n_files=12, lines_per_file=50_000, seed=22)  # ≈ 1.3 s
    assert exercise.analyze_dask(files, 2) == expected_summary(files), (
        "Bản tóm tắt 12 tệp lớn khác với bản tuần tự.")
    assert_extra_work_in_workers(small, exercise.last_result, (
        "Cụm Dask chỉ nhận việc cho có, còn chương trình chính tự đếm. Hãy giao việc cho cụm: "
        "client.map(count_file, paths) (mỗi tệp một việc), gộp bằng các việc merge_counts "
        "trên cụm, chỉ lấy về (result()) bảng đếm cuối; cụm phải là LocalCluster(processes="
        "True, …) để các worker là tiến trình riêng."))


@pytest.mark.speed
def test_faster_on_several_cores(speed_check, tmp_path):
    def log_files(size: int, seed: int):
        for old in tmp_path.glob("vong_*"):
            shutil.rmtree(old)  # fresh files each round: a cached answer would be wrong
        return (write_log_files(tmp_path / f"vong_{seed}", size, lines_per_file=50_000,
                                seed=seed),)

    speed_check(candidate="analyze_dask", baseline="analyze_sequential", workload=log_files,
                workers=min(usable_cores(), 4), target_seconds=8.0,
                threshold=CLUSTER_THRESHOLD)

"""Graded tests of bai08_qua_tai: no more worker processes than usable cores, one BLAS thread
in each. The judge counts the processes and threads it sees in /proc while the program runs.

Cores are counted as the statement says, by CPU affinity. The worker count is judged with the
program allowed on only half of this machine's CPUs (as under `taskset -c 0` on 2 cores), so a
program that sizes its Pool by os.cpu_count(), which counts every CPU of the machine, shows it.
The thread count is judged on every CPU: OpenBLAS sizes its threads by affinity too."""

import os

from tangtoc.cores import affinity_cores

EXERCISE = "bai08_qua_tai"
TIMEOUT = 30  # the untouched program starts 32 interpreters that each import numpy


def fewer_cpus() -> frozenset[int]:
    """Half of the CPUs this process may run on (at least one)."""
    cpus = sorted(os.sched_getaffinity(0))
    return frozenset(cpus[:max(1, len(cpus) // 2)])


def test_no_more_workers_than_usable_cores(script):
    cpus = fewer_cpus()
    run = script.assert_runs_like_reference(timeout=TIMEOUT, watch=True, cpus=cpus)
    assert run.workers, "Không thấy tiến trình con nào: chương trình phải dùng Pool."
    listed = ",".join(map(str, sorted(cpus)))
    assert len(run.workers) <= len(cpus), (
        f"Chạy với CPU affinity chỉ gồm {len(cpus)} lõi (như «taskset -c {listed}»), chương "
        f"trình đã tạo {len(run.workers)} tiến trình con: các tiến trình thừa chỉ tranh nhau "
        "lõi và tốn thời gian khởi động, bộ nhớ. Hãy lấy số tiến trình từ số lõi được dùng "
        "(len(os.sched_getaffinity(0)) hoặc os.process_cpu_count() từ Python 3.13); "
        f"os.cpu_count() (= {os.cpu_count()} ở đây) đếm mọi lõi của máy, kể cả lõi bị cấm.")


def test_one_thread_per_worker(script):
    run = script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)
    busiest = max((seen.max_threads for seen in run.workers), default=0)
    assert run.workers, "Không thấy tiến trình con nào: chương trình phải dùng Pool."
    assert busiest <= 1, (
        f"Có tiến trình con chạy tới {busiest} luồng (thread) trên máy {affinity_cores()} lõi: "
        "thư viện BLAS của numpy tạo luồng theo số lõi trong *mỗi* tiến trình, nên số luồng "
        "muốn chạy vượt số lõi. Đặt OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS = "
        "\"1\" trong os.environ trước khi import numpy.")

"""Graded tests of bai08_qua_tai: no more worker processes than usable cores, one BLAS thread
in each. The judge counts the processes and threads it sees in /proc while the program runs."""

from tangtoc.cores import usable_cores

EXERCISE = "bai08_qua_tai"
TIMEOUT = 30  # the untouched program starts 32 interpreters that each import numpy


def test_no_more_workers_than_usable_cores(script):
    run = script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)
    cores = usable_cores()
    assert run.workers, "Không thấy tiến trình con nào: chương trình phải dùng Pool."
    assert len(run.workers) <= cores, (
        f"Chương trình đã tạo {len(run.workers)} tiến trình con trong khi chỉ dùng được {cores} "
        "lõi: các tiến trình thừa chỉ tranh nhau lõi và tốn thời gian khởi động, bộ nhớ. Hãy "
        "lấy số tiến trình từ số lõi dùng được (os.sched_getaffinity(0) hoặc "
        "os.process_cpu_count()).")


def test_one_thread_per_worker(script):
    run = script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)
    busiest = max((seen.max_threads for seen in run.workers), default=0)
    assert run.workers and busiest <= 1, (
        f"Có tiến trình con chạy tới {busiest} luồng (thread): thư viện BLAS của numpy tạo "
        "luồng theo số lõi của máy trong *mỗi* tiến trình, nên số luồng muốn chạy vượt số lõi. "
        "Đặt OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS = \"1\" trong os.environ "
        "trước khi import numpy.")

"""Graded tests of bai02_bam_tep: SHA3-256 of many files on threads. hashlib releases the GIL
on large buffers, so here threads are the right tool and must really speed the work up. The
statement asks for threads: a process pool is as fast, so the judge also checks that the
hashing ran in threads of the calling process (tests/graded/worker_cpu.py)."""

import hashlib
import shutil

import pytest
from worker_cpu import ThreadWatch, assert_work_in_threads

from tangtoc import reference
from tangtoc.cores import usable_cores
from tangtoc.datasets import write_binary_files

EXERCISE = "bai02_bam_tep"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_binary_files(tmp_path_factory.mktemp("tep"), n_files=10, mib_per_file=2,
                              seed=2026)


def expected(paths):
    return reference.load(EXERCISE).checksum_files_sequential(paths)


def test_matches_sequential_result(exercise, files):
    checksums = exercise.checksum_files_threads(files, 3)
    assert isinstance(checksums, list), "Kết quả phải là một list các chuỗi hex."
    assert checksums == expected(files), "Mã băm khác bản tuần tự, hoặc sai thứ tự tệp."


def test_small_file_known_checksum(exercise, tmp_path):
    path = tmp_path / "chao.txt"
    path.write_bytes("xin chào".encode())
    assert exercise.checksum_files_threads([path], 2) == [
        hashlib.sha3_256("xin chào".encode()).hexdigest()
    ], "Sai mã băm của một tệp nhỏ: hãy dùng checksum_file đã cho."


def test_empty_input(exercise):
    assert exercise.checksum_files_threads([], 2) == [], "Danh sách rỗng phải cho []."


def test_missing_file_gives_clear_error(exercise, files, tmp_path):
    with pytest.raises(ValueError, match=r"khong_co\.bin"):
        exercise.checksum_files_threads([*files[:2], tmp_path / "khong_co.bin"], 2)


def test_the_files_are_hashed_in_threads(exercise, tmp_path):
    files = write_binary_files(tmp_path, n_files=16, mib_per_file=4, seed=22)  # ≈ 0.2 s of hashing
    with ThreadWatch() as watch:
        checksums = exercise.checksum_files_threads(files, 2)
    assert checksums == expected(files), "Mã băm khác bản tuần tự, hoặc sai thứ tự tệp."
    assert_work_in_threads(watch, exercise, (
        "Đề bài yêu cầu luồng: hashlib nhả GIL khi băm khối lớn, nên ThreadPoolExecutor("
        "max_workers=workers) với pool.map(checksum_file, paths) đã chạy song song thật, không "
        "phải khởi động tiến trình mới hay pickle gì cả."))


@pytest.mark.speed
def test_threads_are_faster_on_several_cores(speed_check, tmp_path):
    workers = min(usable_cores(), 4)

    def binary_files(size: int, seed: int):
        for old in tmp_path.glob("vong_*"):
            shutil.rmtree(old)  # fresh files each round: a cached answer would be wrong
        return (write_binary_files(tmp_path / f"vong_{seed}", size, mib_per_file=8, seed=seed),)

    speed_check(candidate="checksum_files_threads", baseline="checksum_files_sequential",
                workload=binary_files, workers=workers, parallelism="threads")

"""Graded tests of bai09_log_song_song: the capstone log pipeline, exact and faster."""

import shutil

import pytest
from sent_bytes import assert_not_sent, under_spawn

from tangtoc import reference
from tangtoc.cores import usable_cores
from tangtoc.datasets import write_log_files

EXERCISE = "bai09_log_song_song"


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    return write_log_files(tmp_path_factory.mktemp("log"), n_files=12, lines_per_file=4000,
                           seed=2026)


def expected_summary(paths) -> dict:
    return reference.load(EXERCISE).analyze_sequential(paths)


def test_matches_sequential_summary(exercise, logs, each_start_method):
    summary = exercise.analyze_parallel(logs, 2)
    assert isinstance(summary, dict), "Kết quả phải là dict do summarize(...) trả về."
    assert summary == expected_summary(logs), (
        f"Bản tóm tắt khác với bản tuần tự (phương thức khởi động {each_start_method}).")


def test_empty_input_gives_empty_summary(exercise):
    assert exercise.analyze_parallel([], 2) == expected_summary([]), (
        "Danh sách tệp rỗng phải cho bản tóm tắt rỗng như analyze_sequential([]).")


def test_more_workers_than_files(exercise, logs):
    assert exercise.analyze_parallel(logs[:3], 8) == expected_summary(logs[:3]), (
        "Sai kết quả khi số tiến trình (8) lớn hơn số tệp (3).")


def test_malformed_lines_and_query_strings(exercise, tmp_path):
    path = tmp_path / "tay.log"
    path.write_text(
        "2026-11-25T08:00:00 10.0.0.1 GET /tim-kiem?q=phở 200 12ms 512\n"
        "2026-11-25T08:00:01 10.0.0.2 GET /tim-kiem 404 7ms 128\n"
        "2026-11-25T08:00:02 10.0.0.3 GET /gio-hang 5\n"
        "\n", encoding="utf-8")
    summary = exercise.analyze_parallel([path, path], 2)
    assert summary == expected_summary([path, path]), (
        "Phải đếm dòng hỏng (bad_lines) và bỏ phần «?…» của URL như LogStats.add_line.")


def test_unreadable_file_gives_clear_error(exercise, logs, tmp_path):
    with pytest.raises(ValueError, match=r"khong_co\.log"):
        exercise.analyze_parallel([*logs[:3], tmp_path / "khong_co.log"], 2)


def test_workers_send_back_tables_not_lines(exercise, logs):
    with under_spawn():
        summary = exercise.analyze_parallel(logs, 2)
    assert summary == expected_summary(logs), "Bản tóm tắt khác với bản tuần tự (spawn)."
    assert_not_sent(exercise, sum(path.stat().st_size for path in logs), "các tệp log", (
        "các dòng log đã đi qua ống giữa các tiến trình (pickle). Đề bài chỉ cho gửi đường dẫn "
        "tệp đi và một LogStats (các bảng đếm) về: mỗi tiến trình con tự đọc và đếm tệp của nó "
        "bằng aggregate_file, tiến trình chính chỉ gộp bằng merge()."))


@pytest.mark.speed
def test_faster_on_several_cores(speed_check, tmp_path):
    workers = min(usable_cores(), 4)

    def log_files(size: int, seed: int):
        for old in tmp_path.glob("vong_*"):
            shutil.rmtree(old)  # fresh files each round: a cached answer would be wrong
        return (write_log_files(tmp_path / f"vong_{seed}", size, lines_per_file=40_000,
                                seed=seed),)

    speed_check(candidate="analyze_parallel", baseline="analyze_sequential",
                workload=log_files, workers=workers)

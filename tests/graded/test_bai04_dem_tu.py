"""Graded tests of bai04_dem_tu: word counts over many files with a process Pool."""

import shutil
from collections import Counter

import pytest

from tangtoc import reference
from tangtoc.cores import usable_cores
from tangtoc.datasets import write_text_files

EXERCISE = "bai04_dem_tu"


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    return write_text_files(tmp_path_factory.mktemp("van_ban"), n_files=12, words_per_file=3000,
                            seed=2024)


def expected_counts(paths) -> Counter:
    return reference.load(EXERCISE).count_words_sequential(paths)


def test_matches_sequential_result(exercise, texts, each_start_method):
    counts = exercise.count_words_parallel(texts, 2)
    assert isinstance(counts, Counter), "Kết quả phải là một collections.Counter."
    assert counts == expected_counts(texts), (
        f"Số đếm khác với bản tuần tự (phương thức khởi động {each_start_method})."
    )


def test_counts_vietnamese_words_without_punctuation(exercise, tmp_path):
    path = tmp_path / "cau.txt"
    path.write_text("Tiến trình, tiến trình! Luồng… «khóa»\n", encoding="utf-8")
    counts = exercise.count_words_parallel([path], 2)
    assert counts == Counter({"tiến": 2, "trình": 2, "luồng": 1, "khóa": 1}), (
        "Phải đếm từ ở dạng chữ thường, bỏ dấu câu hai đầu, giữ nguyên dấu tiếng Việt."
    )


def test_empty_input_gives_empty_counter(exercise):
    assert exercise.count_words_parallel([], 2) == Counter(), (
        "Danh sách tệp rỗng phải cho Counter() rỗng."
    )


def test_single_file(exercise, texts):
    assert exercise.count_words_parallel(texts[:1], 2) == expected_counts(texts[:1]), (
        "Sai kết quả khi chỉ có một tệp."
    )


def test_more_workers_than_files(exercise, texts):
    assert exercise.count_words_parallel(texts[:3], 8) == expected_counts(texts[:3]), (
        "Sai kết quả khi số tiến trình (8) lớn hơn số tệp (3)."
    )


@pytest.mark.parametrize("problem", ["missing", "not_utf8"])
def test_unreadable_file_gives_clear_error(exercise, texts, tmp_path, problem):
    bad = tmp_path / "hong.txt"
    if problem == "not_utf8":
        bad.write_bytes("tiếng Việt".encode("utf-16"))
    with pytest.raises(ValueError, match=r"hong\.txt"):
        exercise.count_words_parallel([*texts[:3], bad], 2)


@pytest.mark.speed
def test_faster_on_several_cores(speed_check, tmp_path):
    workers = min(usable_cores(), 4)  # word counts scale well to 4; SMT/efficiency cores beyond

    def text_files(size: int, seed: int):
        for old in tmp_path.glob("vong_*"):
            shutil.rmtree(old)  # fresh files each round: a cached answer would be wrong
        folder = tmp_path / f"vong_{seed}"
        return (write_text_files(folder, size, words_per_file=20_000, seed=seed),)

    speed_check(candidate="count_words_parallel", baseline="count_words_sequential",
                workload=text_files, workers=workers)

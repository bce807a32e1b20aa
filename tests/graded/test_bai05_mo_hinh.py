"""Graded tests of bai05_mo_hinh: a per-worker singleton, built at most once per worker.

The given build_model records every build as a file named after its pid in a folder the judge
creates, so the builds are counted across processes without trusting the submission's answer.
A submission could still edit build_model; the speed check is what catches building per task.
"""

import random
from collections import Counter
from pathlib import Path

import pytest

from tangtoc import reference
from tangtoc.bubblewrap import remove_writable_folder, writable_folder
from tangtoc.cores import usable_cores

EXERCISE = "bai05_mo_hinh"
MODEL_MISSING = (
    "Trong tiến trình con, mô hình vẫn là None ({error}) dưới phương thức khởi động "
    "{start_method}: có lẽ mô hình được dựng ở tiến trình chính rồi cất vào một biến toàn cục. "
    "Với fork, tiến trình con nhận bản sao bộ nhớ của tiến trình cha nên trông như chạy được; "
    "với spawn và forkserver (mặc định trên Windows, macOS, và trên Linux từ Python 3.14), "
    "tiến trình con import lại tệp từ đầu nên biến toàn cục chỉ có giá trị ban đầu. Hãy để mỗi "
    "tiến trình con tự dựng mô hình một lần: Pool(processes=workers, initializer=init_worker, "
    "initargs=(build_log,))."
)


def random_inputs(size: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.getrandbits(32) for _ in range(size)]


def expected(inputs, tmp_path) -> list[int]:
    own_log = tmp_path / "reference_log"
    own_log.mkdir(exist_ok=True)
    return reference.load(EXERCISE).predict_sequential(inputs, str(own_log))


def builds_by_pid(log: Path) -> Counter:
    return Counter(path.name.split("-")[0] for path in log.glob("*.build"))


@pytest.mark.parametrize("workers", [2, 3])
def test_model_built_at_most_once_per_worker(exercise, tmp_path, each_start_method, workers):
    log = writable_folder(tmp_path / f"builds_{workers}")
    inputs = random_inputs(600, workers)
    try:
        predictions = exercise.predict_parallel(inputs, str(log), workers)
    except TypeError as error:
        if "NoneType" not in str(error):
            raise
        pytest.fail(MODEL_MISSING.format(error=f"TypeError: {error}",
                                         start_method=each_start_method), pytrace=False)
    assert predictions == expected(inputs, tmp_path), (
        f"Kết quả khác với bản tuần tự hoặc sai thứ tự (phương thức khởi động {each_start_method})."
    )
    builds = builds_by_pid(log)
    total = sum(builds.values())
    assert total > 0, (
        "Không thấy lần dựng mô hình nào trong thư mục ghi: hãy dựng bằng build_model(build_log) "
        "và đừng sửa build_model hay record_build."
    )
    assert total <= workers, (
        f"Mô hình được dựng {total} lần với {workers} tiến trình con: mỗi tiến trình chỉ được "
        "dựng một lần (dùng initializer của Pool, đừng dựng trong mỗi việc)."
    )
    twice = [pid for pid, count in builds.items() if count > 1]
    assert not twice, f"Tiến trình {twice[0]} đã dựng mô hình {builds[twice[0]]} lần."


def test_empty_input(exercise, tmp_path):
    assert exercise.predict_parallel([], str(tmp_path), 2) == [], (
        "Danh sách rỗng phải cho []."
    )


@pytest.mark.speed
def test_faster_on_several_cores(speed_check, tmp_path):
    def workload(size: int, seed: int):
        for old in tmp_path.glob("log_*"):
            remove_writable_folder(old)
        log = writable_folder(tmp_path / f"log_{seed}")
        return random_inputs(size, seed), str(log)

    speed_check(candidate="predict_parallel", baseline="predict_sequential", workload=workload,
                workers=min(usable_cores(), 4), initial_size=2_000)

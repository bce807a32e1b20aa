"""Graded tests of bai05_khoi_dong: code that only worked under fork must work under spawn and
forkserver too. Every test runs explicitly under a non-fork start method (fork is where the
stub already works); a hang becomes a quick, explained failure."""

import ast
import multiprocessing
import random

import pytest
from worker_cpu import assert_work_in_workers

from tangtoc import catalog, reference

EXERCISE = "bai05_khoi_dong"
CALL_TIMEOUT = 40.0  # a worker that cannot find its function makes Pool.map wait forever
NON_FORK_METHODS = [m for m in multiprocessing.get_all_start_methods() if m != "fork"]
WHY = {
    "rescale_all": "biến toàn cục SETTINGS chỉ được gán trong tiến trình cha; tiến trình con "
                   "của spawn/forkserver import lại module nên SETTINGS rỗng. Hãy để mỗi tiến "
                   "trình con tự cấu hình (initializer/initargs).",
    "block_sums": "target của Process là lambda: spawn/forkserver phải pickle nó để gửi sang "
                  "tiến trình con, mà lambda không pickle được. Dùng hàm cấp cao nhất và args=.",
}


@pytest.fixture(params=NON_FORK_METHODS)
def start_method(request, target_dir):
    _refuse_forced_fork(target_dir)
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(request.param, force=True)
    yield request.param
    multiprocessing.set_start_method(previous, force=True)


def _refuse_forced_fork(target_dir):
    """Asking for fork explicitly would dodge the exercise (and fails on Windows)."""
    path = target_dir / catalog.get(EXERCISE).file_name
    for node in ast.walk(ast.parse(path.read_bytes())):
        forced = (isinstance(node, ast.Call) and any(
            isinstance(arg, ast.Constant) and arg.value == "fork"
            for arg in [*node.args, *(keyword.value for keyword in node.keywords)]))
        if forced or (isinstance(node, ast.Attribute) and node.attr == "fork"):
            pytest.fail(f"Dòng {node.lineno}: bài không được ép dùng fork; nó phải chạy đúng "
                        "dưới spawn và forkserver (như trên Windows, macOS, Python 3.14).",
                        pytrace=False)


def _call(exercise, function, start_method, *args):
    try:
        return getattr(exercise, function)(*args)
    except Exception as error:
        pytest.fail(f"{function} hỏng dưới phương thức khởi động {start_method}: {error}\n"
                    f"Lý do thường gặp: {WHY[function]}", pytrace=False)


def test_rescale_all(exercise, start_method):
    rng = random.Random(start_method)
    values = [rng.uniform(-100, 100) for _ in range(50)]
    scale, offset = rng.uniform(0.5, 3), rng.uniform(-10, 10)
    configured = reference.load(EXERCISE)
    configured.configure(scale, offset)
    wanted = [configured.rescale(value) for value in values]
    assert _call(exercise, "rescale_all", start_method, values, scale, offset, 2) == wanted, (
        f"rescale_all cho kết quả sai dưới {start_method}: mỗi tiến trình con phải dùng đúng "
        "scale và offset của lần gọi này."
    )


def test_block_sums(exercise, start_method):
    rng = random.Random(start_method)
    blocks = [[rng.randint(-50, 50) for _ in range(rng.randint(0, 30))] for _ in range(4)]
    wanted = [reference.load(EXERCISE).square_sum(block) for block in blocks]
    assert _call(exercise, "block_sums", start_method, blocks) == wanted, (
        f"block_sums cho kết quả sai dưới {start_method}: cần tổng bình phương từng khối, "
        "theo thứ tự khối."
    )


def test_each_block_is_summed_in_its_own_process(exercise, start_method):
    rng = random.Random(f"lon-{start_method}")
    blocks = [[rng.randint(-50, 50) for _ in range(200_000)] for _ in range(4)]
    wanted = [reference.load(EXERCISE).square_sum(block) for block in blocks]
    assert _call(exercise, "block_sums", start_method, blocks) == wanted, (
        f"block_sums cho kết quả sai dưới {start_method} với các khối lớn.")
    assert_work_in_workers(exercise, (
        "block_sums phải cho mỗi khối một Process (target=send_square_sum, args=(hàng đợi, "
        "chỉ số, khối)) và nhận tổng qua Queue; tính square_sum ngay trong tiến trình chính "
        "thì hết lỗi pickle nhưng cũng bỏ mất điều bài học muốn giữ."))

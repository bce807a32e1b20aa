"""Bài 05 – Mỗi tiến trình con chỉ nạp mô hình một lần (bài làm của bạn).

Đề bài: dự đoán cho rất nhiều đầu vào bằng một «mô hình» dựng rất tốn thời gian
(`build_model`, mô phỏng việc nạp một mô hình học máy từ đĩa). Mỗi tiến trình con (worker) phải
dựng mô hình **nhiều nhất một lần**, lúc khởi động, rồi dùng lại cho mọi việc nó nhận: mẫu
«singleton theo tiến trình» (per-worker singleton) với `initializer`/`initargs` của Pool.

- Đầu vào: `inputs`, danh sách số nguyên; `build_log`, thư mục (đã có) nơi `build_model` ghi lại
  mỗi lần dựng; `workers`, số tiến trình.
- Đầu ra: `list` kết quả `predict(mô hình, x)` theo đúng thứ tự `inputs`, bằng
  `predict_sequential(inputs, build_log)`.
- Ràng buộc: tổng số lần dựng mô hình ≤ số tiến trình con, không tiến trình nào dựng hai lần
  (bộ chấm đếm các tệp trong `build_log`: đừng sửa `build_model` hay `record_build`). Danh sách
  rỗng cho `[]`. Bài được chấm cả tốc độ: trên máy 2 lõi phải nhanh hơn bản tuần tự ít nhất
  1,3 lần.
- Bài giảng: docs/bai05-khoi-tao-worker.md («Khởi tạo tiến trình con»).
"""

import os
import tempfile
from multiprocessing import Pool  # noqa: F401  (bạn sẽ cần đến Pool)

# --8<-- [start:given]
MULTIPLIER = 6_364_136_223_846_793_005
INCREMENT = 1_442_695_040_888_963_407
MASK = 2**64 - 1
MODEL_SIZE = 4_096
BUILD_ROUNDS = 120  # khoảng 0,05 s mỗi lần dựng
PREDICT_TERMS = 200  # khoảng 20 µs mỗi lần dự đoán


def record_build(build_log: str) -> None:
    """Ghi một lần dựng: một tệp mới «<pid>-….build» trong thư mục build_log (đã cho sẵn)."""
    handle, _ = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".build", dir=build_log)
    os.close(handle)


def build_model(build_log: str) -> list[int]:
    """Dựng «mô hình» (đã cho sẵn): chậm (khoảng 0,05 s), luôn cho cùng một kết quả."""
    record_build(build_log)
    weights, state = [], 2024
    for _ in range(MODEL_SIZE):
        for _ in range(BUILD_ROUNDS):
            state = (state * MULTIPLIER + INCREMENT) & MASK
        weights.append(state >> 44)
    return weights


def predict(model: list[int], x: int) -> int:
    """Một lần dự đoán (đã cho sẵn): nhanh, chỉ đọc mô hình."""
    score = x
    for k in range(PREDICT_TERMS):
        score = (score * 31 + model[(x + k * k) % MODEL_SIZE]) % 1_000_003
    return score


def predict_sequential(inputs: list[int], build_log: str) -> list[int]:
    """Bản tuần tự (đã cho sẵn): dựng mô hình một lần rồi dự đoán lần lượt."""
    model = build_model(build_log)
    return [predict(model, x) for x in inputs]
# --8<-- [end:given]


# --8<-- [start:task]
_model: list[int] | None = None  # mô hình của CHÍNH tiến trình này: mỗi tiến trình con có bản riêng


def init_worker(build_log: str) -> None:
    """Chạy một lần trong mỗi tiến trình con lúc khởi động: dựng mô hình, cất vào _model."""
    # TODO: global _model; _model = build_model(build_log)
    raise NotImplementedError("Chưa làm: init_worker phải dựng mô hình vào _model.")


def predict_in_worker(x: int) -> int:
    """Chạy trong tiến trình con cho mỗi đầu vào: dùng mô hình đã dựng sẵn."""
    # TODO: return predict(_model, x)
    raise NotImplementedError("Chưa làm: predict_in_worker phải dùng _model đã dựng sẵn.")


def predict_parallel(inputs: list[int], build_log: str, workers: int = 2) -> list[int]:
    """Dự đoán mọi đầu vào bằng `workers` tiến trình, mỗi tiến trình dựng mô hình một lần."""
    # TODO: Pool(workers, initializer=init_worker, initargs=(build_log,)), rồi pool.map(...)
    raise NotImplementedError(
        "Chưa làm: hãy viết predict_parallel với Pool(initializer=init_worker, ...) "
        "(xem gợi ý: tangtoc hint bai05_mo_hinh)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    import random
    import time

    data = [random.getrandbits(32) for _ in range(40_000)]
    with tempfile.TemporaryDirectory() as log:
        start = time.perf_counter()
        expected = predict_sequential(data, log)
        print(f"Tuần tự: {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        found = predict_parallel(data, log, workers=2)
        print(f"Song song: {time.perf_counter() - start:.2f} s, đúng: {found == expected}")
        print(f"Số lần dựng mô hình (kể cả bản tuần tự): {len(os.listdir(log))}")
# --8<-- [end:main]

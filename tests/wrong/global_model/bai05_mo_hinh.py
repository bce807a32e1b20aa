"""Wrong method for the tests of the tests: the model is built once in the main process and
kept in a global that the workers read. Under fork the workers inherit it and all looks well;
under spawn and forkserver they re-import the module and find None. Must fail there, with an
explanation instead of a bare TypeError."""

import os
import tempfile
from multiprocessing import Pool

# --8<-- [start:given]
MULTIPLIER = 6_364_136_223_846_793_005
INCREMENT = 1_442_695_040_888_963_407
MASK = 2**64 - 1
MODEL_SIZE = 4_096
BUILD_ROUNDS = 120  # about 0.05 s per build
PREDICT_TERMS = 200  # about 20 µs per prediction


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


_model = None


def init_worker(build_log):
    pass


def predict_in_worker(x):
    return predict(_model, x)


def predict_parallel(inputs, build_log, workers=2):
    global _model
    if not inputs:
        return []
    _model = build_model(build_log)
    with Pool(workers) as pool:
        return pool.map(predict_in_worker, inputs)

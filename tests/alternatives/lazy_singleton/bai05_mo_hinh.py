"""Correct alternative for the tests of the tests, written apart from the reference: a lazy
per-process singleton (each worker builds the model on its first task, then reuses it) in a
ProcessPoolExecutor, the log folder passed with functools.partial. Must pass."""

import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from functools import partial

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


_cache = {}


def _model_here(build_log):
    if "model" not in _cache:
        _cache["model"] = build_model(build_log)
    return _cache["model"]


def init_worker(build_log):
    _model_here(build_log)


def predict_in_worker(x, build_log=None):
    return predict(_model_here(build_log), x)


def predict_parallel(inputs, build_log, workers=2):
    if not inputs:
        return []
    with ProcessPoolExecutor(max_workers=workers) as executor:
        chunk = max(1, len(inputs) // (4 * workers))
        return list(executor.map(partial(predict_in_worker, build_log=build_log), inputs,
                                 chunksize=chunk))

import os
import pickle
from collections import Counter

import numpy as np
import pytest

from tangtoc import safe_pickle


@pytest.mark.parametrize("value", [
    Counter({"tiến": 2, "trình": 1}),
    {"a": [1, 2.5, (3, "b")], "c": {4, 5}, "d": b"x", "e": None},
    np.arange(12, dtype=np.float32).reshape(3, 4),
    np.float64(1.5),
])
def test_plain_data_round_trips(value):
    loaded = safe_pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(loaded) is type(value)
    assert np.array_equal(loaded, value) if isinstance(value, np.ndarray) else loaded == value


class _Sneaky:
    def __reduce__(self):
        return (os.getcwd, ())


def test_functions_and_foreign_classes_are_refused():
    with pytest.raises(safe_pickle.ForbiddenType, match="getcwd"):
        safe_pickle.loads(pickle.dumps(_Sneaky()))


def _nested_references(depth: int) -> bytes:
    """A few hundred bytes that hold 10**depth leaves: each level is ten references to the
    level below (pickle's memo), a "billion laughs"."""
    level: list = [0]
    for _ in range(depth):
        level = [level] * 10
    return pickle.dumps(level, protocol=pickle.HIGHEST_PROTOCOL)


class _Expands:
    def __init__(self, constructor, argument):
        self.constructor, self.argument = constructor, argument

    def __reduce__(self):
        return (self.constructor, (self.argument,))


@pytest.mark.parametrize("data", [
    _nested_references(9),
    pickle.dumps(_Expands(bytes, 10**11)),
    pickle.dumps(_Expands(list, range(10**10))),
], ids=["nested_references", "bytes_of_size", "list_of_range"])
def test_a_small_frame_that_would_expand_is_refused_quickly(data):
    assert len(data) < 1000
    with pytest.raises(safe_pickle.TooLarge, match="kết quả quá lớn"):
        safe_pickle.loads(data)


def test_large_honest_results_still_load():
    value = {f"từ{i}": i for i in range(200_000)}
    assert safe_pickle.loads(pickle.dumps(value)) == value

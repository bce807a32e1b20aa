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

"""Unpickle data sent by a submission without letting it run code in the judge.

pickle.loads calls any importable function named in the data, so a submission could send a
"result" that patches the judge's clock or grade. Only plain data types are allowed here
(the "Restricting Globals" recipe of the pickle docs), and a few bytes must not become a huge
object: the allowed types are called with bounded arguments (`bytes(10**10)` or
`list(range(10**9))` is refused before it allocates), and the loaded value may hold at most
MAX_ITEMS items counted as a walk would meet them (shared references counted each time, so a
"billion laughs" of nested references cannot stall a comparison or a repr later).
"""

import io
import pickle
from collections import deque

ALLOWED = {
    ("builtins", name)
    for name in ("bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset", "int",
                 "list", "range", "set", "slice", "str", "tuple")
} | {
    ("collections", "Counter"),
    ("collections", "OrderedDict"),
    ("collections", "defaultdict"),
    ("collections", "deque"),
    ("numpy", "dtype"),
    ("numpy", "ndarray"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy._core.numeric", "_frombuffer"),
    ("numpy.core.numeric", "_frombuffer"),
}


MAX_ITEMS = 5_000_000  # far above any exercise's result (a Counter of a few thousand words)


class ForbiddenType(pickle.UnpicklingError):
    """The data names a type or function outside ALLOWED."""


class TooLarge(pickle.UnpicklingError):
    """The data would expand into more than MAX_ITEMS items."""


def _too_large() -> TooLarge:
    return TooLarge(f"kết quả quá lớn (hơn {MAX_ITEMS} phần tử)")


def _bounded(constructor):
    """constructor, refusing an integer or a range argument that would allocate too much."""
    def build(*args, **kwargs):
        for argument in (*args, *kwargs.values()):
            if isinstance(argument, int) and abs(argument) > MAX_ITEMS and \
                    constructor in (bytes, bytearray):
                raise _too_large()
            if isinstance(argument, range) and len(argument) > MAX_ITEMS:
                raise _too_large()
        return constructor(*args, **kwargs)
    return build


class _DataOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED:
            raise ForbiddenType(f"kiểu dữ liệu không được phép trong kết quả: {module}.{name}")
        found = super().find_class(module, name)
        return _bounded(found) if module == "builtins" and name != "range" else found


def loads(data: bytes):
    value = _DataOnlyUnpickler(io.BytesIO(data)).load()
    _check_size(value)
    return value


def _check_size(value) -> None:
    """Count the items a full walk would visit; stop as soon as there are too many."""
    visited, pending = 0, [value]
    while pending:
        item = pending.pop()
        visited += 1
        if visited > MAX_ITEMS:
            raise _too_large()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset, deque)):
            pending.extend(item)

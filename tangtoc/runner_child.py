"""Child side of the runner: import one exercise module and call one of its functions.

Run as `python -m tangtoc.runner_child SPEC_JSON`. Frames travel over the child's original
stdin/stdout, which are moved to private descriptors before any student code is imported, so
a print() in the submission lands on stderr instead of corrupting a frame.
"""

import importlib
import json
import multiprocessing
import os
import pickle
import sys
import traceback

HEADER_BYTES = 8


def write_frame(stream, message) -> None:
    write_raw_frame(stream, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def write_raw_frame(stream, data: bytes) -> None:
    stream.write(len(data).to_bytes(HEADER_BYTES, "big") + data)
    stream.flush()


def read_frame(stream) -> bytes | None:
    """One frame's bytes, or None at end of stream."""
    header = stream.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES:
        return None
    data = stream.read(int.from_bytes(header, "big"))
    return data if len(data) == int.from_bytes(header, "big") else None


def _private_streams():
    inbox = os.fdopen(os.dup(0), "rb")
    outbox = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    return inbox, outbox


def _cpu_seconds() -> float:
    """CPU time of this process and its reaped children (pool workers after the pool closes)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _describe(exc: BaseException) -> tuple[str, str, str]:
    return type(exc).__name__, str(exc), "".join(traceback.format_exception(exc))


def main() -> None:
    spec = json.loads(sys.argv[1])
    inbox, outbox = _private_streams()
    if spec.get("start_method"):
        multiprocessing.set_start_method(spec["start_method"], force=True)
    sys.path.insert(0, spec["target_dir"])
    try:
        module = importlib.import_module(spec["module"])
    except BaseException as exc:  # a submission may raise anything, SystemExit included
        write_frame(outbox, ("import_error", *_describe(exc)))
        return
    write_frame(outbox, ("ready",))
    request = read_frame(inbox)
    if request is None:
        return
    _, function_name, args, kwargs = pickle.loads(request)
    cpu_before = _cpu_seconds()
    try:
        result = getattr(module, function_name)(*args, **kwargs)
        reply = ("returned", result, _cpu_seconds() - cpu_before)
        write_frame(outbox, reply)
    except BaseException as exc:
        write_frame(outbox, ("raised", *_describe(exc)))


if __name__ == "__main__":
    main()

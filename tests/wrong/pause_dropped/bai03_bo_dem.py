"""Wrong method for the tests of the tests: no lock; the race "fixed" by dropping pause() and
writing `self.value += 1`, which the CPython 3.11+ interpreter happens not to interrupt (no
switch point inside it). The statement asks to keep the read, pause(), write steps and lock
them."""

import sys
import threading

# Đổi luồng thường nhất có thể, và cho mọi luồng xuất phát cùng một lúc (một Barrier), để chúng
# thật sự chạy cùng lúc, kể cả trên máy đang bận: lần chạy nào cũng thấy tranh chấp dữ liệu.
SWITCH_INTERVAL = 1e-6  # giây


def pause() -> None:
    """A little work between reading and writing: the window in which another thread can run."""
    sum(range(10))


def count_concurrently(n_threads: int, increments: int) -> int:
    """Start n_threads threads, each calling increment() `increments` times on one shared
    counter; return the final value (given)."""
    counter = SharedCounter()
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        start_line = threading.Barrier(n_threads)
        threads = [threading.Thread(target=_add_many, args=(counter, increments, start_line))
                   for _ in range(n_threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    return counter.value


def _add_many(counter, increments: int, start_line: threading.Barrier) -> None:
    start_line.wait()
    for _ in range(increments):
        counter.increment()



class SharedCounter:
    """A counter shared by several threads."""

    def __init__(self):
        self.value = 0

    def increment(self) -> None:
        self.value += 1

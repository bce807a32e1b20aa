"""Wrong method for the tests of the tests: a Lock() made inside each worker (the lesson's
common mistake 2: every process has its own lock, so nobody waits for anybody) around a
single add of a local sum; updates are lost only when two final adds overlap."""

from multiprocessing import Lock

from tangtoc import reference

# The given driver, exactly as in the exercise, run with this module's add_many.
reference.given_in(globals(), "bai06_bo_dem", "Barrier", "Process", "Value",
                   "count_together")


def add_many(counter, start_line, increments):
    lock = Lock()
    start_line.wait()
    total = 0
    for _ in range(increments):
        total += 1
    with lock:
        counter.value += total

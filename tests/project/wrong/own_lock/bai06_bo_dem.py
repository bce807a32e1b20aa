"""Wrong method for the tests of the tests: a Lock() made inside each worker (the lesson's
common mistake 2: every process has its own lock, so nobody waits for anybody) around a
single add of a local sum; updates are lost only when two final adds overlap."""

from multiprocessing import Barrier, Lock, Process, Value


def add_many(counter, start_line, increments):
    lock = Lock()
    start_line.wait()
    total = 0
    for _ in range(increments):
        total += 1
    with lock:
        counter.value += total


def count_together(processes=4, increments=20_000):
    """The given driver, as in the exercise."""
    counter = Value("i", 0)
    start_line = Barrier(processes)
    workers = [Process(target=add_many, args=(counter, start_line, increments))
               for _ in range(processes)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return counter.value

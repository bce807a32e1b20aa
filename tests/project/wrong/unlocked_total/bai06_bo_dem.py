"""Wrong method for the tests of the tests: a local sum in each process (the lesson's faster
design), but the one add at the end is left unlocked. Updates are lost only when two
processes' final adds overlap, so the runs hardly ever show it; the judge reads it."""

from multiprocessing import Barrier, Process, Value


def add_many(counter, start_line, increments):
    start_line.wait()
    total = 0
    for _ in range(increments):
        total += 1
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

"""Wrong method for the tests of the tests: a local sum in each process (the lesson's faster
design), but the one add at the end is left unlocked. Updates are lost only when two
processes' final adds overlap, so the runs hardly ever show it; the judge reads it."""

from tangtoc import reference

# The given driver, exactly as in the exercise, run with this module's add_many.
reference.given_in(globals(), "bai06_bo_dem", "Barrier", "Process", "Value",
                   "count_together")


def add_many(counter, start_line, increments):
    start_line.wait()
    total = 0
    for _ in range(increments):
        total += 1
    counter.value += total

"""Wrong method for the tests of the tests: no lock; the race "fixed" by dropping pause() and
writing `self.value += 1`, which the CPython 3.11+ interpreter happens not to interrupt (no
switch point inside it). The statement asks to keep the read, pause(), write steps and lock
them."""

from tangtoc import reference

# The given driver and helpers, exactly as in the exercise, run with this module's SharedCounter.
reference.given_in(globals(), "bai03_bo_dem", "sys", "threading", "SWITCH_INTERVAL", "pause",
                   "count_concurrently", "_add_many")


class SharedCounter:
    """A counter shared by several threads."""

    def __init__(self):
        self.value = 0

    def increment(self) -> None:
        self.value += 1

"""Cheat for the tests of the tests: makes every Counter compare equal, then answers nothing.
Student code never runs in the judging process, so the patch must change no verdict."""

import collections

collections.Counter.__eq__ = lambda self, other: True


def count_words_parallel(paths, workers=2):
    return collections.Counter()

"""Cheat for the tests of the tests: counts every data file it can find while being imported,
then answers the timed call from that cache. Import time is timed too, so it must fail."""

from pathlib import Path

from tangtoc import reference

_reference = reference.load("bai04_dem_tu")
_answers = {}
for folder in Path.cwd().glob("vong_*"):
    files = sorted(folder.glob("*.txt"))
    _answers[tuple(map(str, files))] = _reference.count_words_sequential(files)


def count_words_parallel(paths, workers=2):
    key = tuple(map(str, paths))
    return _answers[key] if key in _answers else _reference.count_words_sequential(paths)

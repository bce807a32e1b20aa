"""Plausible wrong method for the tests of the tests: the given sequential version, no
ProcessPoolExecutor. Right output; must fail test_the_lines_are_parsed_in_worker_processes."""

from tangtoc import reference

_given = reference.load("bai04_thu_loi")  # the given helpers, exactly as in the exercise


def parse_all(lines, workers=2):
    return _given.parse_all_sequential(lines)

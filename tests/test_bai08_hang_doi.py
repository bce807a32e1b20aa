"""Graded tests of bai08_hang_doi: drain the queue before joining the producer."""

EXERCISE = "bai08_hang_doi"
TIMEOUT = 10


def test_finishes_under_spawn_like_the_reference(script):
    script.assert_runs_like_reference(timeout=TIMEOUT)

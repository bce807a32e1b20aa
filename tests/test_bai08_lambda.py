"""Graded tests of bai08_lambda: the function given to the executor must be picklable."""

EXERCISE = "bai08_lambda"
TIMEOUT = 10


def test_runs_under_spawn_like_the_reference(script):
    script.assert_runs_like_reference(timeout=TIMEOUT)


def test_runs_under_forkserver_too(script):
    script.assert_runs_like_reference(timeout=TIMEOUT, start_method="forkserver")

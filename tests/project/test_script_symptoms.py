"""The meaning the script exercises' feedback gives to a pickling error, for every Python's text.

The texts are those measured in measurements/phien_ban_pickle.md (3.10–3.13) and, for 3.14, those
of CPython's Lib/pickle.py `whichmodule` (gh-122311), which the C pickler shares.
"""

import pytest

from tangtoc.script_run import SYMPTOMS, ScriptRun

LAMBDA = SYMPTOMS["Can't pickle <function <lambda>"]
LOCAL = SYMPTOMS["local object "]

ERRORS = [
    ("_pickle.PicklingError: Can't pickle <function <lambda> at 0x7f5904a456c0>: "
     "attribute lookup <lambda> on __main__ failed", LAMBDA),
    ("AttributeError: Can't pickle local object 'main.<locals>.<lambda>'", LOCAL),
    ("AttributeError: Can't get local object 'outer.<locals>.inner'", LOCAL),
    ("_pickle.PicklingError: Can't pickle <function <lambda> at 0x7f0c2a1b3e20>: "
     "it's not found as __main__.<lambda>", LAMBDA),
    ("_pickle.PicklingError: Can't pickle local object "
     "<function main.<locals>.<lambda> at 0x7f0c2a1b3e20>", LOCAL),
]


@pytest.mark.parametrize(("stderr", "meaning"), ERRORS, ids=range(len(ERRORS)))
def test_every_python_s_pickling_error_gets_its_one_meaning(stderr, meaning):
    run = ScriptRun(status="exited", returncode=1, stderr=f"Traceback …\n{stderr}\n")
    assert run.symptoms() == [meaning]

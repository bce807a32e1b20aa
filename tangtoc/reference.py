"""Our reference solutions, loaded under a private name so they never shadow the student's."""

import importlib.util
import types
from functools import cache
from types import ModuleType

from tangtoc import paths


@cache
def load(exercise_id: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"_reference_{exercise_id}", paths.SOLUTIONS / f"{exercise_id}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def given_in(namespace: dict, exercise_id: str, *names: str) -> None:
    """Put the reference's given names into `namespace` (a test fixture's globals), its
    functions rebound to those globals: a given driver then uses the fixture's own classes."""
    module = load(exercise_id)
    for name in names:
        value = getattr(module, name)
        if isinstance(value, types.FunctionType):
            value = types.FunctionType(value.__code__, namespace, name, value.__defaults__)
        namespace[name] = value

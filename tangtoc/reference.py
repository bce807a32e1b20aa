"""Our reference solutions, loaded under a private name so they never shadow the student's."""

import importlib.util
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

"""Child side of a script exercise: run a student's whole program under a chosen start method.

Run as `python -m tangtoc.script_child START_METHOD PATH [ARGS...]`. The program runs as
`__main__`, exactly as `python PATH` would run it (its folder first on sys.path, argv set), so
spawn and forkserver children re-import it as `__mp_main__`, which is the point of the exercises
about the main guard and about pickling. The judge only reads what this process leaves behind:
exit code, output, files.
"""

import multiprocessing
import runpy
import sys
from pathlib import Path

from tangtoc.runner_child import die_with_the_judge


def main() -> None:
    start_method, path, *arguments = sys.argv[1:]
    die_with_the_judge()
    multiprocessing.set_start_method(start_method)
    sys.argv = [path, *arguments]
    sys.path[0] = str(Path(path).resolve().parent)
    runpy.run_path(path, run_name="__main__")


if __name__ == "__main__":
    main()

"""Child side of a script exercise: run a student's whole program under a chosen start method.

Run as `python -m tangtoc.script_child START_METHOD PATH [ARGS...]`; with CPUS_VARIABLE set
(e.g. "0" or "0,2"), the program and everything it starts may run only on those CPUs, as under
`taskset`. The program runs as
`__main__`, exactly as `python PATH` would run it (its folder first on sys.path, argv set), so
spawn and forkserver children re-import it as `__mp_main__`, which is the point of the exercises
about the main guard and about pickling. The judge only reads what this process leaves behind:
exit code, output, files.
"""

import atexit
import multiprocessing
import os
import runpy
import sys
from pathlib import Path

from tangtoc.runner_child import die_with_the_judge, let_the_resource_tracker_finish

CPUS_VARIABLE = "TANGTOC_SCRIPT_CPUS"


def main() -> None:
    start_method, path, *arguments = sys.argv[1:]
    atexit.register(let_the_resource_tracker_finish)
    die_with_the_judge()
    cpus = os.environ.pop(CPUS_VARIABLE, "")
    if cpus:  # inherited by every process the program starts
        os.sched_setaffinity(0, {int(cpu) for cpu in cpus.split(",")})
    multiprocessing.set_start_method(start_method)
    sys.argv = [path, *arguments]
    sys.path[0] = str(Path(path).resolve().parent)
    runpy.run_path(path, run_name="__main__")


if __name__ == "__main__":
    main()

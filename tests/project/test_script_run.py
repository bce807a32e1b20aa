"""The judge side of script exercises: what it sees of a program's processes in /proc."""

import textwrap

from tangtoc.script_run import WORKER_FLAG, run_script

LATE_EXEC = textwrap.dedent(f"""
    import os, sys, time

    if __name__ == "__main__":
        child = os.fork()
        if child == 0:  # seen by the judge with the parent's command line, then as a worker
            time.sleep(0.4)
            os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(0.6)",
                                      "{WORKER_FLAG}"])
        print(child, flush=True)
        os.waitpid(child, 0)
""")


def test_a_worker_first_seen_before_its_exec_is_counted_as_a_worker(tmp_path):
    program = tmp_path / "late_exec.py"
    program.write_text(LATE_EXEC)
    run = run_script(program, timeout=20, watch=True)
    assert run.ok, run.explain()
    assert [seen.pid for seen in run.workers] == [int(run.stdout)], run.processes


def test_a_program_without_children_has_no_workers(tmp_path):
    program = tmp_path / "alone.py"
    program.write_text("print('một mình')\n")
    run = run_script(program, timeout=20, watch=True)
    assert run.ok and run.stdout == "một mình\n" and not run.workers, run.processes


HANGS_HOLDING_A_QUEUE = textwrap.dedent("""
    import multiprocessing as mp
    import sys

    if __name__ == "__main__":
        queue = mp.get_context("spawn").Queue()  # named semaphores, registered with the tracker
        print("chờ mãi", file=sys.stderr, flush=True)
        queue.get()
""")


def test_a_hung_program_is_reported_without_the_warnings_its_killing_caused(tmp_path):
    # Killed at the timeout, the program leaves its semaphores to the resource tracker, which
    # may or may not live long enough to warn about them: the report must not depend on that.
    program = tmp_path / "hangs.py"
    program.write_text(HANGS_HOLDING_A_QUEUE)
    run = run_script(program, timeout=2)
    assert run.status == "timeout"
    assert "chờ mãi" in run.stderr and "resource_tracker" not in run.stderr, run.stderr

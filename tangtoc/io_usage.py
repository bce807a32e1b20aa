"""Bytes a call wrote, measured from the judge's side when its reply arrives (Linux's /proc).

How the data travelled is evidence a graded test may rely on (tests/graded/sent_bytes.py:
under spawn, an array sent to the workers is pickled and written to a pipe; one in shared
memory is not). The runner child shares its process with the submission, which can reach
anything there, its reply stream included, so the figure must not come from it: the judge
reads it, as it reads the CPU (tangtoc.cpu_usage), from the kernel's counters of the call's
process tree below the runner.

* For every process from the runner down: wchar and syscw of /proc/PID/io (bytes passed to
  write() and the number of write() calls, every thread, and the children it reaped: the
  kernel moves a reaped child's counters into its reaper's, as it does its CPU time). Orphans
  are reaped inside the tree (the runner is a child subreaper), so each write counts once.
  Children are read before their parents: a process reaped meanwhile has moved its counters
  to one read later, never to one read before.
* Everything the runner process wrote since it started counts: the import of the submission,
  its output on stderr, its workers' pipes (a fork server's workers too: it reaps them and
  stays in the tree), minus the reply itself (the judge knows its size; one write() call).
* Only write(), writev() and the like count: bytes a process passes to send()/sendmsg() on a
  socket are not in wchar (multiprocessing's connections use write(), so an honest call's
  are there).
* None where unknown: no /proc, the runner already gone, or a process of the tree this user
  may not read (/proc/PID/io needs ptrace-read access: the same uid, and a process that made
  itself non-dumpable is readable only with CAP_SYS_PTRACE, which a root judge has, and a
  non-root judge has over the user namespace of its own sandbox). Never 0 for "unknown".
"""

from dataclasses import dataclass

from tangtoc import processes


@dataclass(frozen=True)
class Written:
    bytes: int  # passed to write(): pipes to workers, files, stderr; not shared memory
    calls: int  # the write() calls behind them: messages sent


def tree_written(tree: dict[int, list[str]], runner: int | None) -> Written | None:
    """What the runner and every process below it in `tree` (a processes.tree() of the call,
    just read) have written so far (see above)."""
    tree = list(processes.below(tree, runner)) if runner is not None else []
    total_bytes = total_calls = 0
    for pid in reversed(tree):  # children first (see above)
        try:
            written, calls = processes.written(pid)
        except PermissionError:
            return None
        except OSError:  # gone: its reaper, read later, holds its counters (not the runner's)
            if pid == runner:
                return None
            continue
        total_bytes, total_calls = total_bytes + written, total_calls + calls
    return Written(total_bytes, total_calls) if tree else None


def without_reply(written: Written, reply_bytes: int) -> Written:
    """The call's own writes: the reply frame (reply_bytes in one write() call) taken off."""
    return Written(max(0, written.bytes - reply_bytes), max(0, written.calls - 1))

"""What a Pool costs besides the work (lesson 4's common mistakes, measured by
scripts/measure_bai04_chi_phi.py): sending tiny tasks one by one, the memory of an idle child
process or thread, and more processes than cores. Everything a child runs is top-level here,
so spawn and forkserver children can import it."""

import multiprocessing
import threading
import time

from tangtoc import processes
from tangtoc.experiments.gil import calibrate, python_work


def nearly_nothing(x: int) -> int:
    """A task that takes well under a microsecond: only the sending costs."""
    return x


def fastest(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def tiny_tasks(items: int, workers: int, rounds: int) -> dict[str, float]:
    """Seconds for `items` tiny tasks: a plain loop in this process, then on a Pool already
    started: map (its own chunksize), imap_unordered with chunksize 1 (its default) and with
    10 000."""
    numbers = range(items)
    sequential = fastest(rounds, lambda: [nearly_nothing(x) for x in numbers])
    with multiprocessing.Pool(workers) as pool:
        pool.map(nearly_nothing, range(workers))  # every worker up before timing
        return {
            "sequential": sequential,
            "map": fastest(rounds, lambda: pool.map(nearly_nothing, numbers)),
            "imap_unordered, 1": fastest(rounds, lambda: list(
                pool.imap_unordered(nearly_nothing, numbers))),
            "imap_unordered, 10000": fastest(rounds, lambda: list(
                pool.imap_unordered(nearly_nothing, numbers, chunksize=10_000))),
        }


def wait_idle(ready, stop) -> None:
    """An idle child: say it is up, then wait."""
    ready.set()
    stop.wait()


def memory_kib(pid: int | str = "self") -> tuple[int, int]:
    """(RSS, private memory) in KiB from /proc: VmRSS counts pages shared with the parent
    (fork's copy-on-write pages too); Private_Clean + Private_Dirty only the process's own."""
    status = processes.read_text(pid, "status")
    rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    rollup = processes.read_text(pid, "smaps_rollup").splitlines()
    private = sum(int(line.split()[1]) for line in rollup if line.startswith("Private_"))
    return rss, private


def idle_child_memory(method: str) -> tuple[int, int]:
    """RSS and private KiB of a child process that started and does nothing."""
    context = multiprocessing.get_context(method)
    ready, stop = context.Event(), context.Event()
    child = context.Process(target=wait_idle, args=(ready, stop))
    child.start()
    try:
        ready.wait(60)
        time.sleep(0.2)  # let the child settle into its wait
        return memory_kib(child.pid)
    finally:
        stop.set()
        child.join()


def idle_thread_kib(threads: int = 50) -> float:
    """Extra RSS per started thread that waits, in KiB (this process's VmRSS before and after
    `threads` threads are up)."""
    stop = threading.Event()
    started = threading.Barrier(threads + 1)

    def idle() -> None:
        started.wait()
        stop.wait()

    before = memory_kib()[0]
    workers = [threading.Thread(target=idle) for _ in range(threads)]
    for worker in workers:
        worker.start()
    started.wait()
    after = memory_kib()[0]
    stop.set()
    for worker in workers:
        worker.join()
    return (after - before) / threads


def pool_run(method: str, workers: int, tasks: int, size: int) -> None:
    with multiprocessing.get_context(method).Pool(workers) as pool:
        pool.map(python_work, [size] * tasks, chunksize=1)


def too_many_processes(method: str, counts: list[int], tasks: int, total_seconds: float,
                       rounds: int) -> dict[int, float]:
    """Seconds (fastest of `rounds`, pool start-up included) for the same CPU work split into
    `tasks` tasks, on Pools of each size in `counts`."""
    size = calibrate(python_work, total_seconds / tasks)
    return {n: fastest(rounds, lambda n=n: pool_run(method, n, tasks, size)) for n in counts}

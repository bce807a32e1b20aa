"""Cluster shapes for lesson 10's Dask exercise, measured by scripts/measure_bai10_dask.py
through the runner like the reference itself: the reference's task graph on one worker process
running several threads, and a cluster that starts and stops with no work (its fixed cost).
Needs the [cum] extra (dask, distributed)."""

from dask.distributed import Client, LocalCluster

from tangtoc import reference


def analyze_in_threads(paths: list, threads: int = 2) -> dict:
    """The reference's analyze_dask, unchanged, on a cluster of one worker process with
    `threads` threads: the same task graph, but the counting tasks share one GIL."""
    module = reference.load("bai10_dask_log")

    def one_process(**options) -> LocalCluster:
        return LocalCluster(**{**options, "n_workers": 1, "threads_per_worker": threads})

    module.LocalCluster = one_process  # a fresh runner process per call: nothing else sees it
    return module.analyze_dask(paths)


def start_and_stop(workers: int = 2) -> int:
    """Start the exercise's cluster, connect a client, close both; return the workers seen."""
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        return len(client.scheduler_info()["workers"])

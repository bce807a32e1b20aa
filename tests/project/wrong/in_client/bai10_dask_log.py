"""Wrong method for the tests of the tests: a real cluster is started, but it is given one
trivial task while the client (the main process) counts and merges every file itself: the
right summary, and no work on the cluster."""

from collections import Counter

from dask.distributed import Client, LocalCluster

from tangtoc import reference

_given = reference.load("bai10_dask_log")  # the given helpers, exactly as in the exercise


def analyze_dask(paths, workers=2):
    if not paths:
        return _given.summarize(Counter())
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.submit(len, paths).result()
        return _given.analyze_sequential(paths)

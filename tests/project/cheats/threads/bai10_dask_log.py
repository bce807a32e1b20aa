"""Cheat for the tests of the tests: the reference task graph on a cluster of threads
(processes=False): one process, so the GIL lets one count at a time and it must fail."""

from dask.distributed import Client, LocalCluster

from tangtoc import reference

_reference = reference.load("bai10_dask_log")


def analyze_dask(paths, workers=2):
    if not paths:
        return _reference.analyze_sequential(paths)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        layer = client.map(_reference.count_file, paths)
        while len(layer) > 1:
            merged = [client.submit(_reference.merge_counts, layer[i], layer[i + 1])
                      for i in range(0, len(layer) - 1, 2)]
            layer = merged + layer[2 * len(merged):]
        return _reference.summarize(layer[0].result())

"""Cheat for the tests of the tests: a real cluster of `workers` processes given everything
as one task (the sequential version), so one worker counts every file while the others idle."""

from dask.distributed import Client, LocalCluster

from tangtoc import reference

_reference = reference.load("bai10_dask_log")  # not in sys.modules: dask pickles it by value


def analyze_dask(paths, workers=2):
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        return client.submit(_reference.analyze_sequential, paths).result()

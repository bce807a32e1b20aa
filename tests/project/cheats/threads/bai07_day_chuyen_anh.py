"""Cheat for the tests of the tests: the reference pipeline with threads instead of processes.

Correct, but the flood fill of every image is pure Python: the GIL lets one thread run it at a
time, so the speed check must fail it."""

import queue
import threading

from tangtoc import reference

_module = reference.load("bai07_day_chuyen_anh")
STOP = None


def worker(tasks, results, seed):
    while (batch := tasks.get()) is not STOP:
        results.put(_module.process_range(*batch, seed))


def preprocess_parallel(n_images, seed, workers=2, batch_size=16):
    jobs = _module.batches(n_images, batch_size)
    tasks, results = queue.Queue(maxsize=2 * workers), queue.Queue()
    threads = [threading.Thread(target=worker, args=(tasks, results, seed))
               for _ in range(workers)]
    for thread in threads:
        thread.start()
    for job in [*jobs, *[STOP] * workers]:
        tasks.put(job)
    processed = []
    for _ in jobs:
        processed.extend(results.get(timeout=60))
    for thread in threads:
        thread.join()
    return sorted(processed)

"""Correct alternative for the tests of the tests, written apart from the reference: a
feeder process fills the bounded task queue, workers loop with iter(get, STOP) and tag
each result with its batch start; the main process reorders by batch. Must pass."""

from multiprocessing import Process, Queue

from tangtoc import reference

_given = reference.load("bai07_day_chuyen_anh")  # the given helpers, exactly as in the exercise
STOP = _given.STOP
process_range = _given.process_range
batches = _given.batches


def feed(tasks, jobs, workers):
    for job in jobs:
        tasks.put(job)
    for _ in range(workers):
        tasks.put(STOP)


def worker(tasks, results, seed):
    for start, stop in iter(tasks.get, STOP):
        results.put((start, process_range(start, stop, seed)))


def preprocess_parallel(n_images, seed, workers=2, batch_size=16):
    jobs = batches(n_images, batch_size)
    tasks, results = Queue(maxsize=workers), Queue()
    feeder = Process(target=feed, args=(tasks, jobs, workers))
    crew = [Process(target=worker, args=(tasks, results, seed)) for _ in range(workers)]
    for process in [feeder, *crew]:
        process.start()
    by_start = dict(results.get() for _ in jobs)
    for process in [feeder, *crew]:
        process.join()
    return [row for start in sorted(by_start) for row in by_start[start]]

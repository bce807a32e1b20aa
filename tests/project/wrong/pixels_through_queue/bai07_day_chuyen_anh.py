"""Wrong method for the tests of the tests: the main process reads every batch itself and
sends the pixels through the task queue, which the statement forbids (only the two
integers of a batch may travel). Right result. Must fail."""

import queue
from multiprocessing import Process, Queue

from tangtoc import reference

_given = reference.load("bai07_day_chuyen_anh")  # the given helpers, exactly as in the exercise
STOP = _given.STOP
preprocess = _given.preprocess
read_batch = _given.read_batch
batches = _given.batches


def worker(tasks, results, seed):
    while (batch := tasks.get()) is not STOP:
        results.put([preprocess(index, image) for index, image in batch])


def preprocess_parallel(n_images, seed, workers=2, batch_size=16):
    jobs = batches(n_images, batch_size)
    tasks, results = Queue(maxsize=2 * workers), Queue()
    children = [Process(target=worker, args=(tasks, results, seed)) for _ in range(workers)]
    for child in children:
        child.start()
    for start, stop in jobs:
        tasks.put(read_batch(start, stop, seed))  # the mistake: pixels through the queue
    for _ in children:
        tasks.put(STOP)
    processed = []
    try:
        for _ in jobs:
            processed.extend(results.get(timeout=60))
    except queue.Empty:
        for child in children:
            child.terminate()
        raise
    for child in children:
        child.join()
    return sorted(processed)

"""Correct alternative for the tests of the tests, written apart from the reference: consumers
loop with iter(get, STOP), start before the producer, and the main process counts results in
a while loop with no timeout, then joins. Must pass."""

from multiprocessing import Process, Queue

from tangtoc import reference

_given = reference.load("bai07_nha_san_xuat")  # the given helpers, exactly as in the exercise
STOP = _given.STOP
make_item = _given.make_item
process_item = _given.process_item


def producer(tasks, n_items, seed, consumers):
    index = 0
    while index < n_items:
        tasks.put(make_item(index, seed))
        index += 1
    for _ in range(consumers):
        tasks.put(STOP)


def consumer(tasks, results):
    for item in iter(tasks.get, STOP):
        results.put(process_item(item))


def run_producer_consumer(n_items, seed, consumers=2, maxsize=8):
    tasks = Queue(maxsize)
    results = Queue()
    workers = [Process(target=consumer, args=(tasks, results), daemon=True)
               for _ in range(consumers)]
    for worker in workers:
        worker.start()
    maker = Process(target=producer, args=(tasks, n_items, seed, consumers))
    maker.start()
    records = []
    while len(records) < n_items:
        records.append(results.get())
    maker.join()
    for worker in workers:
        worker.join()
    return records, [maker.exitcode] + [worker.exitcode for worker in workers]

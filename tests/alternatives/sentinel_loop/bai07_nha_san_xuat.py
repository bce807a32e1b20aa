"""Correct alternative for the tests of the tests, written apart from the reference: consumers
loop with iter(get, STOP), start before the producer, and the main process counts results in
a while loop with no timeout, then joins. Must pass."""

import hashlib
import os
import time
from multiprocessing import Process, Queue

# --8<-- [start:given]
STOP = None  # the sentinel: one per consumer
WORK_ROUNDS = 1000  # about 1-2 ms of CPU work per item


def make_item(index: int, seed: int) -> tuple[int, float, bytes]:
    """Tạo việc số `index`: (index, thời điểm tạo, dữ liệu) (đã cho sẵn).

    Thời điểm tạo (`time.perf_counter()`) cho bộ chấm biết việc đã nằm chờ bao lâu."""
    payload = hashlib.sha256(f"{seed}:{index}".encode()).digest()
    return index, time.perf_counter(), payload


def process_item(item: tuple[int, float, bytes]) -> tuple[int, str, int, float, float]:
    """Xử lý một việc, nặng CPU (đã cho sẵn).

    Trả về (index, kết quả, pid của tiến trình xử lý, thời điểm tạo, thời điểm bắt đầu xử lý)."""
    index, created, payload = item
    started = time.perf_counter()
    digest = payload
    for _ in range(WORK_ROUNDS):
        digest = hashlib.sha256(digest).digest()
    return index, digest.hex()[:16], os.getpid(), created, started


def process_sequential(n_items: int, seed: int) -> dict[int, str]:
    """Bản tuần tự (đã cho sẵn): {index: kết quả} của mọi việc."""
    return {index: process_item(make_item(index, seed))[1] for index in range(n_items)}
# --8<-- [end:given]


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

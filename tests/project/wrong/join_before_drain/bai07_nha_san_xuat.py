"""Wrong method for the tests of the tests: the main process join()s every child before
taking the results out of the queue, the deadlock lesson 7 warns about. With a few hundred
small results the pipe never fills and it seems to work; with thousands a consumer cannot
exit until its results are read, and join() waits for it forever. Must fail."""

from multiprocessing import Process, Queue

from tangtoc import reference

_given = reference.load("bai07_nha_san_xuat")  # the given helpers, exactly as in the exercise
STOP = _given.STOP
make_item = _given.make_item
process_item = _given.process_item
process_sequential = _given.process_sequential


# --8<-- [start:task]
def producer(tasks: Queue, n_items: int, seed: int, consumers: int) -> None:
    """Đưa lần lượt `make_item(i, seed)` vào `tasks`, rồi một `STOP` cho mỗi consumer."""
    for index in range(n_items):
        # Create each item just before putting it: with a bounded queue, put() blocks while the
        # queue is full, so the producer never runs far ahead of the consumers.
        tasks.put(make_item(index, seed))
    for _ in range(consumers):
        tasks.put(STOP)


def consumer(tasks: Queue, results: Queue) -> None:
    """Lấy việc từ `tasks` cho đến khi gặp `STOP`; kết quả `process_item` đưa vào `results`."""
    while (item := tasks.get()) is not STOP:
        results.put(process_item(item))


def run_producer_consumer(n_items: int, seed: int, consumers: int = 2,
                          maxsize: int = 8) -> tuple[list, list]:
    """Chạy 1 producer và `consumers` consumer; trả về (các kết quả, các mã thoát)."""
    tasks, results = Queue(maxsize=maxsize), Queue()
    children = [Process(target=producer, args=(tasks, n_items, seed, consumers)),
                *(Process(target=consumer, args=(tasks, results)) for _ in range(consumers))]
    for child in children:
        child.start()
    for child in children:  # the mistake: waits for consumers whose results are not read yet
        child.join()
    records = [results.get() for _ in range(n_items)]
    return records, [child.exitcode for child in children]
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    records, exitcodes = run_producer_consumer(n_items=100, seed=7, consumers=2, maxsize=4)
    print(f"Nhận {len(records)} kết quả từ {len({r[2] for r in records})} tiến trình; "
          f"mã thoát {exitcodes}")
    print("Đúng kết quả:", {r[0]: r[1] for r in records} == process_sequential(100, 7))
# --8<-- [end:main]

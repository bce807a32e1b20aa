"""Correct alternative: the producer ends its stream with None; the main process reads until
it, then joins (no count shared between the two sides)."""

import hashlib
from multiprocessing import Process, Queue

COUNT = 200


def make_record(index: int) -> bytes:
    return hashlib.sha256(str(index).encode()).hexdigest().encode() * 160


def produce(queue: Queue, count: int) -> None:
    for index in range(count):
        queue.put(make_record(index))
    queue.put(None)


def main() -> None:
    queue = Queue()
    producer = Process(target=produce, args=(queue, COUNT))
    producer.start()
    records = list(iter(queue.get, None))
    producer.join()
    checksum = hashlib.sha256(b"".join(records)).hexdigest()[:16]
    print(f"Đã nhận {len(records)} bản ghi, tổng kiểm {checksum}")


if __name__ == "__main__":
    main()

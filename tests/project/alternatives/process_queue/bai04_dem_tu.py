"""A correct alternative (tests of the speed check): hand-made Process workers that take file
names from one Queue and put their partial counts (or the error) on another."""

import multiprocessing
from collections import Counter
from pathlib import Path

PUNCTUATION = ".,;:!?…\"'()[]«»-–—"
DONE = None


def _worker(tasks, results):
    counts, error = Counter(), None
    while (path := tasks.get()) is not DONE:
        if error:
            continue
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            error = f"Không đọc được tệp «{path}»: {exc}"
            continue
        counts.update(w for w in (t.strip(PUNCTUATION) for t in text.lower().split()) if w)
    results.put((counts, error))


def count_words_parallel(paths, workers=2):
    if not paths:
        return Counter()
    workers = max(1, min(workers, len(paths)))
    tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_worker, args=(tasks, results))
                 for _ in range(workers)]
    for process in processes:
        process.start()
    for path in paths:
        tasks.put(str(path))
    for _ in processes:
        tasks.put(DONE)
    total, errors = Counter(), []
    for _ in processes:  # drain before joining: a worker cannot exit with unflushed results
        counts, error = results.get()
        total.update(counts)
        if error:
            errors.append(error)
    for process in processes:
        process.join()
    if errors:
        raise ValueError(errors[0])
    return total

"""Cheat for the tests of the tests: a plausible but wrong tool for each workload. Correct
results, and each speed check must fail it:
- waiting on I/O with one process per core (the CPU recipe): only `cores` waits overlap;
- pure-Python CPU work on threads: the GIL runs one at a time;
- array maths as Python loops on a process pool: uses every core, still far behind numpy."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from tangtoc import reference
from tangtoc.cores import usable_cores

_reference = reference.load("bai10_chon_cong_cu")


def _fetch(url):  # top level here: a spawn child imports this module by name
    return _reference.fetch(url)


def fetch_all(urls, workers=16):
    with ProcessPoolExecutor(max_workers=usable_cores()) as executor:
        return dict(zip(urls, executor.map(_fetch, urls), strict=True))


def total_collatz_steps(start, count, workers=2):
    pieces = 4 * workers
    edges = [start + count * i // pieces for i in range(pieces + 1)]
    counts = [edges[i + 1] - edges[i] for i in range(pieces)]
    with ThreadPoolExecutor(max_workers=workers) as executor:
        return sum(executor.map(_reference.total_collatz_steps_sequential, edges[:-1], counts))


def _count_slice(job):
    n, seed, low, high = job
    xs, ys = _reference.make_customers(n, seed)
    stores = _reference.STORES
    return sum(
        any((x - sx) ** 2 + (y - sy) ** 2 <= r * r for sx, sy, r in stores)
        for x, y in zip(xs[low:high].tolist(), ys[low:high].tolist(), strict=True)
    )


def customers_in_range(n, seed, workers=2):
    edges = [n * i // workers for i in range(workers + 1)]
    jobs = [(n, seed, edges[i], edges[i + 1]) for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as executor:
        return sum(executor.map(_count_slice, jobs))

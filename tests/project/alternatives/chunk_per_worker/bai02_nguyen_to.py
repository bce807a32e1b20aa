"""A correct alternative (tests of the speed check): the ranges cut into `workers`
contiguous blocks of about equal total width, one task per block, results concatenated."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def count_primes_in_range(start, stop):
    count = 0
    for n in range(max(start, 2), stop):
        if n % 2 == 0:
            count += n == 2
            continue
        divisor = 3
        while divisor * divisor <= n and n % divisor:
            divisor += 2
        count += divisor * divisor > n
    return count


def count_block(block):
    return [count_primes_in_range(start, stop) for start, stop in block]


def _blocks(ranges, workers):
    total = sum(max(0, stop - start) for start, stop in ranges) or 1
    blocks, current, width = [], [], 0
    for start, stop in ranges:
        current.append((start, stop))
        width += max(0, stop - start)
        if width >= total * (len(blocks) + 1) / workers and len(blocks) < workers - 1:
            blocks.append(current)
            current = []
    return [b for b in [*blocks, current] if b]


def count_primes_threads(ranges, workers=2):
    with ThreadPoolExecutor(workers) as pool:
        return [n for part in pool.map(count_block, _blocks(ranges, workers)) for n in part]


def count_primes_processes(ranges, workers=2):
    blocks = _blocks(ranges, workers)
    if not blocks:
        return []
    with ProcessPoolExecutor(len(blocks)) as pool:
        return [n for part in pool.map(count_block, blocks) for n in part]

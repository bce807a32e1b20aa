"""The asyncio version of lesson 10's I/O workload, measured by scripts/measure_bai10.py through
the runner like every other variant (the exercise's own solution uses threads)."""

import asyncio

from tangtoc import reference


async def _gather(urls: list[str]) -> dict[str, str]:
    fetch_async = reference.load("bai10_chon_cong_cu").fetch_async
    pages = await asyncio.gather(*(fetch_async(url) for url in urls))
    return dict(zip(urls, pages, strict=True))


def fetch_all_async(urls: list[str]) -> dict[str, str]:
    """Every wait on one event loop, in one thread."""
    return asyncio.run(_gather(urls))

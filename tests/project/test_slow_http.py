"""The slow server of lessons 3 and 10 (tangtoc.experiments.slow_http): its pages cannot be
computed without asking it, and it sees whether the requests overlapped."""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tangtoc.experiments.slow_http import serve

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _get(url: str) -> bytes:
    with OPENER.open(url, timeout=10) as response:
        return response.read()


def test_pages_depend_on_a_key_drawn_per_server():
    with serve(0.0) as one, serve(0.0) as other:
        assert _get(f"{one.url}/trang/1") == one.page("/trang/1")
        assert one.page("/trang/1") != other.page("/trang/1")
        assert one.page("/trang/1") != one.page("/trang/2")


def test_the_server_counts_the_requests_in_flight():
    with serve(0.05) as site:
        urls = [f"{site.url}/trang/{i}" for i in range(8)]
        for url in urls[:3]:
            _get(url)
        assert (site.max_in_flight, site.served) == (1, 3)
        assert "1 yêu cầu" in site.missing_overlap(2)
        site.reset()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(_get, urls))
        assert site.max_in_flight >= 4 and site.served == 8
        assert site.missing_overlap(2) == ""

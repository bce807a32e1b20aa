"""Graded tests of bai03_tai_url: fetch many URLs with a thread pool from a slow web server that
this test starts on 127.0.0.1 (no outside network). The student's function runs in the runner
process and fetches from the server in the judging process (when grading, in the network
namespace the sandboxed calls share: tangtoc.bubblewrap.network_for_calls). The pages depend on
a key drawn per run in this process, so no page can be computed without asking the server, and
the server (not the submission) tells whether the waits overlapped."""

import pytest

from tangtoc.experiments.slow_http import serve
from tangtoc.submission import SubmissionRaised

EXERCISE = "bai03_tai_url"
LATENCY = 0.02  # seconds the server waits before answering each request
WORKERS = 8
# Waiting is I/O: 8 threads overlap 8 waits on any number of cores. Ideal 8×; we ask for half,
# which leaves room for the runner's start-up and the server's own work.
REQUIRED = WORKERS / 2
OVERLAP = 2  # requests the server must see in flight at once during the speed check


@pytest.fixture(scope="module")
def server():
    with serve(LATENCY) as site:
        yield site


def urls(server, count: int, seed: int) -> list[str]:
    return [f"{server.url}/trang/{seed}/{index}" for index in range(count)]


def test_matches_sequential_result(exercise, server):
    wanted = urls(server, 20, seed=1)
    bodies = exercise.fetch_all(wanted, WORKERS)
    assert isinstance(bodies, list), "fetch_all phải trả về một list các bytes."
    # The pages the server sends (computed here: when grading, only the sandboxed calls can
    # reach the server).
    assert bodies == [server.page(url.removeprefix(server.url)) for url in wanted], (
        "Nội dung khác bản tuần tự, hoặc sai thứ tự địa chỉ."
    )


def test_empty_input(exercise):
    assert exercise.fetch_all([], WORKERS) == [], "Danh sách rỗng phải cho []."


def test_more_workers_than_urls(exercise, server):
    wanted = urls(server, 3, seed=2)
    assert exercise.fetch_all(wanted, 32) == [server.page(f"/trang/2/{i}") for i in range(3)], (
        "Sai khi số luồng (32) lớn hơn số địa chỉ (3)."
    )


def test_http_error_is_not_swallowed(exercise, server):
    wanted = [*urls(server, 3, seed=3), f"{server.url}/khong-co/trang"]
    with pytest.raises(SubmissionRaised, match="HTTPError"):
        exercise.fetch_all(wanted, WORKERS)


@pytest.mark.speed
def test_waits_overlap(speed_check, server):
    server.reset()
    speed_check(outside_evidence=lambda: server.missing_overlap(OVERLAP),
                candidate="fetch_all", baseline="fetch_all_sequential",
                workload=lambda size, seed: (urls(server, size, seed),), workers=WORKERS,
                parallelism="io", threshold=REQUIRED, initial_size=8)

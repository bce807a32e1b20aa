"""Graded tests of bai10_chon_cong_cu: three workloads, each graded by its measured speed-up
with the requirement that fits it (I/O: waits overlap, whatever the cores; CPU-bound Python:
processes, scaled by cores; array maths: vectorisation, whatever the cores). Part 1 fetches from
a slow web server this test starts (tangtoc.experiments.slow_http, as in bai03_tai_url): its pages
depend on a key drawn per run, and the server tells whether the waits overlapped."""

import pytest

from tangtoc import reference
from tangtoc.cores import usable_cores
from tangtoc.experiments.slow_http import serve

EXERCISE = "bai10_chon_cong_cu"
IO_WORKERS = 16  # requests in flight; 50 waits of 20 ms take 1 s one by one, ~0.08 s with 16
IO_REQUIRED = 4.0  # 16 overlapping waits give ~6× with process start-up; 2 processes give < 2×.
# Independent of cores by design: on a machine with 4+ usable cores one process per core also
# overlaps 4+ waits and passes part 1 (heavier, but not wrong), so the wrong-tool cheat's part 1
# is only caught on 2-3 cores, like the course's CI machine.
IO_OVERLAP = 2  # requests the server must see in flight at once during the speed check
LATENCY = 0.02  # seconds the server waits before answering each request
VECTOR_REQUIRED = 3.0  # numpy gives ~5× with start-up; a pool of Python loops < 2× on 2 cores


def given():
    return reference.load(EXERCISE)


@pytest.fixture(scope="module")
def server():
    with serve(LATENCY) as site:
        yield site


def urls(server, count: int, seed: int) -> list[str]:
    return [f"{server.url}/{seed}/san-pham/{i}" for i in range(count)]


def test_fetch_all_matches_sequential(exercise, server):
    addresses = urls(server, 40, 1)
    # The pages' hashes, computed here: when grading, only the sandboxed calls reach the server.
    expected = {url: given().digest(server.page(url.removeprefix(server.url)))
                for url in addresses}
    assert exercise.fetch_all(addresses, IO_WORKERS) == expected, (
        "Việc 1: fetch_all phải trả về đúng dict {url: mã băm} như fetch_all_sequential.")


def test_fetch_all_of_nothing(exercise):
    assert exercise.fetch_all([], IO_WORKERS) == {}, "Việc 1: không có địa chỉ nào thì trả về {}."


@pytest.mark.parametrize(("start", "count"), [(1, 30_000), (27, 1), (1_000, 0)])
def test_collatz_matches_sequential(exercise, each_start_method, start, count):
    expected = given().total_collatz_steps_sequential(start, count)
    assert exercise.total_collatz_steps(start, count, 2) == expected, (
        f"Việc 2: tổng số bước Collatz của {count} số từ {start} sai "
        f"(phương thức khởi động {each_start_method}).")


@pytest.mark.parametrize(("n", "seed"), [(200_000, 7), (1, 3), (0, 5)])
def test_customers_match_sequential(exercise, n, seed):
    expected = given().customers_in_range_sequential(n, seed)
    assert exercise.customers_in_range(n, seed, 2) == expected, (
        f"Việc 3: số khách hàng trong vùng giao hàng sai với n = {n}.")


@pytest.mark.speed
def test_io_bound_overlaps_the_waits(speed_check, server):
    server.reset()
    speed_check(outside_evidence=lambda: server.missing_overlap(IO_OVERLAP),
                candidate="fetch_all", baseline="fetch_all_sequential",
                workload=lambda size, seed: (urls(server, 10 * size, seed),),
                workers=IO_WORKERS, parallelism="io", threshold=IO_REQUIRED)


@pytest.mark.speed
def test_cpu_bound_uses_several_cores(speed_check):
    speed_check(candidate="total_collatz_steps", baseline="total_collatz_steps_sequential",
                workload=lambda size, seed: (1 + seed % 1000, 20_000 * size),
                workers=usable_cores())


@pytest.mark.speed
def test_array_maths_is_vectorised(speed_check):
    speed_check(candidate="customers_in_range", baseline="customers_in_range_sequential",
                workload=lambda size, seed: (100_000 * size, seed),
                workers=usable_cores(), parallelism="vector", threshold=VECTOR_REQUIRED)

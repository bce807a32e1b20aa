"""Measure lesson 3: fetching URLs from a slow local server with 1–16 threads, and the racy
counter of bai03_bo_dem before and after the fix.

    python scripts/measure_bai03.py [--urls 100] [--latency 0.02] [--rounds 3]

Writes measurements/bai03_luong.md. The fetches run the reference solution (bai03_tai_url) in
fresh runner processes, timed like the speed checks; the counters run stub and reference.
"""

import argparse

from tangtoc import paths, plots
from tangtoc.experiments.slow_http import serve
from tangtoc.runner import call_or_raise

THREAD_COUNTS = (2, 4, 8, 16)


def timed(exercise: str, function: str, args: tuple, kwargs=None, target=paths.SOLUTIONS):
    result = call_or_raise(target, exercise, function, args, kwargs or {})
    return result.seconds, result.value


def fetch_rows(n_urls: int, latency: float, rounds: int) -> list[str]:
    times = {0: [], **{n: [] for n in THREAD_COUNTS}}  # 0 = sequential
    with serve(latency) as site:
        for round_number in range(rounds):  # alternate the variants, fresh URLs every round
            urls = [f"{site.url}/trang/{round_number}/{i}" for i in range(n_urls)]
            times[0].append(timed("bai03_tai_url", "fetch_all_sequential", (urls,))[0])
            for n in THREAD_COUNTS:
                times[n].append(timed("bai03_tai_url", "fetch_all", (urls,),
                                      {"workers": n})[0])
    sequential = min(times[0])
    rows = ["| Cách tải | Thời gian | Tăng tốc |", "|---|---:|---:|",
            f"| tuần tự | {sequential:.2f} s | 1.00× |"]
    rows += [f"| {n} luồng | {min(times[n]):.2f} s | {sequential / min(times[n]):.2f}× |"
             for n in THREAD_COUNTS]
    return rows


def counter_rows(runs: int = 5) -> list[str]:
    rows = ["| Bộ đếm (8 luồng × 20 000 lần tăng, cần 160 000) | Các lần chạy |", "|---|---|"]
    for name, target in (("chưa sửa (`lessons/`)", paths.LESSONS),
                         ("đã sửa bằng `Lock` (lời giải)", paths.SOLUTIONS)):
        values = [timed("bai03_bo_dem", "count_concurrently", (8, 20_000), target=target)[1]
                  for _ in range(runs)]
        rows.append(f"| {name} | {', '.join(f'{v:,}'.replace(',', ' ') for v in values)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    caption = (f"*{args.urls} địa chỉ, máy chủ cục bộ chờ {args.latency * 1000:.0f} ms mỗi "
               f"yêu cầu; lần nhanh nhất trong {args.rounds} vòng chạy xen kẽ, tính từ lúc "
               "khởi động tiến trình đến khi nhận đủ kết quả. Bộ đếm: 5 lần chạy, mỗi lần một "
               f"tiến trình mới. {plots.machine_label()}; tạo bằng "
               "`python scripts/measure_bai03.py`.*")
    lines = [*fetch_rows(args.urls, args.latency, args.rounds), "", *counter_rows(), "",
             caption, ""]
    out = paths.ROOT / "measurements" / "bai03_luong.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

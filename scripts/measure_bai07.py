"""Measure the image pipeline of lesson 7 and write the table the lesson page embeds.

    python scripts/measure_bai07.py [--images 1200] [--rounds 3]
                                    [--out measurements/bai07_day_chuyen.md]

Every variant (the sequential baseline, the reference pipeline with several worker counts,
batch sizes and start methods) runs in a fresh runner process, timed like the speed checks:
from process start to full result. Rounds run every variant once, so runs alternate; the table
keeps the fastest run of each and gives the throughput in images per second.
"""

import argparse
import datetime
import platform
from pathlib import Path

from tangtoc import environment, paths
from tangtoc.cores import usable_cores
from tangtoc.runner import call_or_raise

EXERCISE = "bai07_day_chuyen_anh"
DEFAULT = environment.default_start_method()
# (start method, workers, batch size); workers 0 = the sequential baseline
VARIANTS = [
    (DEFAULT, 0, 0),
    (DEFAULT, 1, 16), (DEFAULT, 2, 16), (DEFAULT, 3, 16),
    (DEFAULT, 2, 1), (DEFAULT, 2, 4), (DEFAULT, 2, 64),
    *((method, 2, 16) for method in ("spawn", "forkserver") if method != DEFAULT),
]


def timed(variant: tuple[str, int, int], images: int) -> float:
    method, workers, batch_size = variant
    if workers == 0:
        function, kwargs = "preprocess_sequential", {}
    else:
        function, kwargs = "preprocess_parallel", {"workers": workers, "batch_size": batch_size}
    result = call_or_raise(paths.SOLUTIONS, EXERCISE, function, (images, 2026), kwargs,
                           start_method=method)
    return result.seconds


def table_rows(images: int, rounds: int) -> list[str]:
    times = {variant: [] for variant in VARIANTS}
    for _ in range(rounds):
        for variant in VARIANTS:
            times[variant].append(timed(variant, images))
    sequential = min(times[VARIANTS[0]])
    rows = []
    for variant in VARIANTS:
        method, workers, batch_size = variant
        best = min(times[variant])
        label = ("tuần tự", "–") if workers == 0 else (str(workers), str(batch_size))
        rows.append(f"| {label[0]} | {label[1]} | {method} | {best:.2f} | {images / best:.0f} "
                    f"| {sequential / best:.2f}× |")
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=1200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path,
                        default=paths.ROOT / "measurements" / "bai07_day_chuyen.md")
    args = parser.parse_args()
    rows = table_rows(args.images, args.rounds)
    header = [
        "| Số tiến trình con | Ảnh mỗi lô | Phương thức khởi động | Thời gian (s) | Ảnh/giây "
        "| Tăng tốc |",
        "|---|---:|---|---:|---:|---:|",
    ]
    caption = (
        f"*Đo ngày {datetime.date.today():%d/%m/%Y} bằng `python scripts/measure_bai07.py`: "
        f"{args.images} ảnh 128×128, {platform.system()}, CPU {environment.cpu_model()}, "
        f"{usable_cores()} lõi dùng được, {environment.python_label()}. Mỗi ô là lần nhanh nhất "
        f"trong {args.rounds} vòng chạy xen kẽ, tính từ lúc khởi động tiến trình đến khi nhận "
        f"đủ kết quả (kể cả import numpy).*"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join([*header, *rows, "", caption, ""]), encoding="utf-8")
    print(f"Đã ghi {args.out}")


if __name__ == "__main__":
    main()

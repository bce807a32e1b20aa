"""Measure the oversubscription mistake of lesson 8 and write the table the page embeds.

    python scripts/measure_bai08.py [--rounds 3] [--out measurements/bai08_qua_tai.md]

Runs the program of exercise bai08_qua_tai as a whole (under spawn, like its graded tests): the
untouched version (Pool(32), BLAS free to start its threads), the same with one BLAS thread per
process, and the reference fix (Pool sized by usable cores, one BLAS thread). Rounds alternate
the variants; the table keeps the fastest run of each and the processes/threads seen in /proc.
"""

import argparse
from pathlib import Path

from tangtoc import environment, paths
from tangtoc.cores import usable_cores
from tangtoc.script_run import run_script

EXERCISE = "bai08_qua_tai.py"
ONE_BLAS_THREAD = {name: "1" for name in
                   ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
VARIANTS = {
    "Pool(32), BLAS tự do (bản gốc)": (paths.LESSONS, {}),
    "Pool(32), 1 luồng BLAS": (paths.LESSONS, ONE_BLAS_THREAD),
    f"Pool({usable_cores()}), 1 luồng BLAS (lời giải)": (paths.SOLUTIONS, {}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path,
                        default=paths.ROOT / "measurements" / "bai08_qua_tai.md")
    args = parser.parse_args()
    best: dict[str, tuple[float, int, int]] = {}
    for _ in range(args.rounds):
        for label, (folder, env) in VARIANTS.items():
            run = run_script(folder / EXERCISE, timeout=120, env=env, watch=True)
            if not run.ok:
                raise RuntimeError(f"{label}: {run.explain()}")
            threads = max(seen.max_threads for seen in run.workers)
            if label not in best or run.seconds < best[label][0]:
                best[label] = (run.seconds, len(run.workers), threads)
    rows = ["| Cách chạy | Thời gian (s) | Tiến trình con thấy được | Luồng mỗi tiến trình con |",
            "|---|---:|---:|---:|"]
    rows += [f"| {label} | {seconds:.2f} | {workers} | {threads} |"
             for label, (seconds, workers, threads) in best.items()]
    caption = (
        f"*{environment.machine_label()}; tạo bằng `python scripts/measure_bai08.py`: "
        "chương trình của bài bai08_qua_tai chạy trọn dưới spawn. Mỗi ô là lần nhanh nhất "
        f"trong {args.rounds} vòng chạy "
        "xen kẽ, tính từ lúc khởi động chương trình đến khi nó kết thúc; số tiến trình và số "
        "luồng đếm qua /proc trong lúc chạy (có thể sót tiến trình sống rất ngắn).*"
    )
    args.out.write_text("\n".join([*rows, "", caption, ""]), encoding="utf-8")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

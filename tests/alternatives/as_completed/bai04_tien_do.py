"""Correct alternative for the tests of the tests, written apart from the reference: a
ProcessPoolExecutor, one future per task, progress printed from as_completed. Must pass."""

import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

# --8<-- [start:given]
BAR_WIDTH = 20


def simulate(task: int) -> tuple[int, int]:
    """Một việc mô phỏng (đã cho sẵn): độ dài thay đổi theo mã việc; trả về (mã việc, kết quả)."""
    value = task
    for _ in range(2_000 * (task % 7 + 1)):
        value = (value * 1_103_515_245 + 12_345) % 2**31
    return task, value


def progress_line(done: int, total: int) -> str:
    """Một dòng tiến độ kiểu «[#####---------------]  5/20 ( 25%)» (đã cho sẵn)."""
    filled = BAR_WIDTH * done // total
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    width = len(str(total))
    return f"[{bar}] {done:>{width}}/{total} ({100 * done // total:>3}%)"


def process_sequential(tasks: list[int]) -> dict[int, int]:
    """Bản tuần tự (đã cho sẵn): chạy lần lượt từng việc."""
    return dict(simulate(task) for task in tasks)
# --8<-- [end:given]


def process_with_progress(tasks, workers=2):
    results, lines = {}, []
    if not tasks:
        return results, lines
    with ProcessPoolExecutor(max_workers=workers) as executor:
        futures = [executor.submit(simulate, task) for task in tasks]
        for done, future in enumerate(as_completed(futures), start=1):
            task, value = future.result()
            results[task] = value
            lines.append(progress_line(done, len(tasks)))
            sys.stderr.write(lines[-1] + "\n")
    return results, lines

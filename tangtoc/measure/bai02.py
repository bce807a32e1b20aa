"""Lesson 2: the same tasks sequentially, on 4 threads and on 4 processes, for a pure-Python
workload and for hashlib with and without the GIL released (tangtoc/experiments/gil.py);
the table measurements/bai02_gil.md and one timeline per workload."""

from tangtoc import environment
from tangtoc.experiments import gil
from tangtoc.measure.tables import Figure, Measured, Table

TABLE = "bai02_gil"  # the measurements/ file it reproduces, `tangtoc measure bai02`


def sizes(quick: bool) -> dict:
    if quick:
        return {"rounds": 1, "workers": 4, "tasks": 4, "task_seconds": 0.005}
    return {"rounds": 3, "workers": 4, "tasks": 8, "task_seconds": 0.15}


def steps(quick: bool) -> int:
    return len(gil.WORKLOADS) * sizes(quick)["rounds"] * len(gil.MODES)


def measure(quick: bool, progress=None, command: str = "tangtoc measure bai02",
            rounds: int | None = None, workers: int | None = None,
            tasks: int | None = None) -> Measured:
    size = sizes(quick)
    size.update({k: v for k, v in (("rounds", rounds), ("workers", workers), ("tasks", tasks))
                 if v is not None})
    rows, timelines = [], []
    for workload, (_, title) in gil.WORKLOADS.items():
        best = gil.compare(workload, size["tasks"], size["workers"], size["task_seconds"],
                           size["rounds"], progress)
        sequential = best["tuần tự"][0]
        cells = [f"{sequential:.2f} s"]
        for mode in gil.MODES[1:]:
            seconds = best[mode][0]
            cells.append(f"{seconds:.2f} s ({sequential / seconds:.2f}×)")
        rows.append([title, *cells])
        timelines.append(Figure(f"bai02_{workload}", f"{title}: {size['tasks']} việc như nhau",
                                gil.by_mode(best)))
    each = f"{size['task_seconds']:.3f}".rstrip("0").replace(".", ",")
    caption = (f"{size['tasks']} việc như nhau (mỗi việc khoảng {each} s khi chạy một mình), "
               f"{size['workers']} worker; thời gian tính cả lúc tạo Pool; lần nhanh nhất trong "
               f"{size['rounds']} vòng chạy xen kẽ; trong ngoặc là tăng tốc so với tuần tự. "
               f"{environment.machine_label()}, phương thức khởi động "
               f"{environment.default_start_method()}; tạo bằng `{command}`.")
    header = ["Việc", "Tuần tự", f"{size['workers']} luồng", f"{size['workers']} tiến trình"]
    return Measured([Table(TABLE, header, rows, caption)], timelines)

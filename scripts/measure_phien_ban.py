"""Measure what changes between Python versions for the course: the text of a pickling error
(a lambda, a nested function) and what forkserver runs of the main script.

    python scripts/measure_phien_ban.py [--python PATH ...] [--out-dir measurements]

Each interpreter (default: this one and every CPython 3.10+ under ~/.pyenv/versions) runs two
small programs as `python program.py`, like a student would:
- a lambda, a lambda written inside a function and a nested function, each handed to a
  ProcessPoolExecutor: the exception's type and first line are recorded (addresses as 0x…);
- two children started one after the other with the forkserver start method: how many times the
  main script's top-level code ran, in which process, and whether a random number drawn at
  import time is the same in the parent and the children.
This interpreter (it needs numpy) also times a child of a main script that imports numpy: under
spawn, and under forkserver with and without `set_forkserver_preload(["__main__", "numpy"])`.
Writes measurements/phien_ban_pickle.md, phien_ban_forkserver.md and khoi_dong_numpy.md.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tangtoc import environment, paths

PICKLING_PROGRAM = '''
import json
from concurrent.futures import ProcessPoolExecutor


def outer():
    def inner(x):
        return x
    return inner


def main():
    return lambda x: x


if __name__ == "__main__":
    cases = {"lambda": lambda x: x, "local_lambda": main(), "nested": outer()}
    found = {}
    with ProcessPoolExecutor(max_workers=1) as executor:
        for name, function in cases.items():
            try:
                executor.submit(function, 1).result()
                found[name] = ["", "(không lỗi)"]
            except Exception as error:
                kind = type(error)
                module = "" if kind.__module__ == "builtins" else kind.__module__ + "."
                found[name] = [module + kind.__qualname__, str(error).splitlines()[0]]
    print(json.dumps(found))
'''

FORKSERVER_PROGRAM = '''
import json
import multiprocessing
import os
import random
import sys

TOKEN = random.random()
print(json.dumps({"ran": os.getpid(), "name": __name__}), flush=True)


def report(queue):
    queue.put((os.getpid(), TOKEN))


if __name__ == "__main__":
    context = multiprocessing.get_context("forkserver")
    queue = context.Queue()
    children = []
    for _ in range(2):
        child = context.Process(target=report, args=(queue,))
        child.start()
        children.append(queue.get(timeout=60))
        child.join()
    print(json.dumps({"parent": os.getpid(), "token": TOKEN, "children": children}))
'''

PRELOAD_PROGRAM = '''
import json
import multiprocessing
import statistics
import sys
import time

import numpy  # noqa: F401  (the heavy import every child would repeat)


def nothing():
    pass


def start_and_join(context):
    started = time.perf_counter()
    child = context.Process(target=nothing)
    child.start()
    child.join()
    return time.perf_counter() - started


if __name__ == "__main__":
    context = multiprocessing.get_context("spawn" if sys.argv[1] == "spawn" else "forkserver")
    if sys.argv[1] == "preload":
        context.set_forkserver_preload(["__main__", "numpy"])
    first = start_and_join(context)  # with forkserver, includes starting its server process
    later = statistics.median(start_and_join(context) for _ in range(REPEAT))
    print(json.dumps([first, later]))
'''
PRELOAD_REPEAT = 10

PICKLING_CASES = {
    "lambda": "`lambda` ở cấp cao nhất",
    "local_lambda": "`lambda` viết trong hàm `main`",
    "nested": "hàm `def` lồng trong hàm khác",
}


def default_interpreters() -> list[str]:
    found = {sys.executable: sys.version_info[:2]}
    for python in sorted(Path.home().glob(".pyenv/versions/3.*/bin/python")):
        version = re.match(r"3\.(\d+)", python.parent.parent.name)
        if version and int(version.group(1)) >= 10:
            found.setdefault(str(python), (3, int(version.group(1))))
    by_version = {}
    for python, version in found.items():
        by_version.setdefault(version, python)
    return [by_version[version] for version in sorted(by_version)]


def run_program(python: str, source: str, folder: Path, *arguments: str) -> list[str]:
    program = folder / "chuong_trinh.py"
    program.write_text(source, encoding="utf-8")
    finished = subprocess.run([python, str(program), *arguments], cwd=folder,
                              capture_output=True, text=True, timeout=120)
    if finished.returncode != 0:
        raise RuntimeError(f"{python}: {finished.stderr.strip()}")
    return finished.stdout.splitlines()


def version_of(python: str) -> str:
    return subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                          capture_output=True, text=True, check=True).stdout.strip()


def pickling_rows(results: dict[str, dict]) -> list[str]:
    rows = ["| Python | Hàm giao cho tiến trình con | Lỗi (kiểu: dòng đầu) |", "|---|---|---|"]
    for version, found in results.items():
        for case, label in PICKLING_CASES.items():
            kind, message = found[case]
            message = re.sub(r"0x[0-9a-f]+", "0x…", message)
            rows.append(f"| {version} | {label} | `{kind}: {message}` |")
    return rows


def forkserver_row(version: str, lines: list[str]) -> str:
    records = [json.loads(line) for line in lines]
    runs = [record for record in records if "ran" in record]
    summary = next(record for record in records if "parent" in record)
    children = {pid for pid, _ in summary["children"]}
    in_children = sum(1 for run in runs if run["ran"] in children)
    in_server = sum(1 for run in runs if run["ran"] != summary["parent"]
                    and run["ran"] not in children)
    tokens = [token for _, token in summary["children"]]
    same_between = "giống nhau" if len(set(tokens)) == 1 else "khác nhau"
    same_parent = "giống" if tokens[0] == summary["token"] else "khác"
    return (f"| {version} | {in_server} | {in_children} / {len(children)} "
            f"| {same_between}, {same_parent} tiến trình cha |")


def preload_rows(folder: Path) -> list[str]:
    source = PRELOAD_PROGRAM.replace("REPEAT", str(PRELOAD_REPEAT))
    rows = ["| Tệp chính có `import numpy`; phương thức | Tiến trình con đầu tiên (ms) "
            f"| Mỗi tiến trình con sau đó, trung vị {PRELOAD_REPEAT} lần (ms) |",
            "|---|---:|---:|"]
    labels = {"spawn": "`spawn`", "forkserver": "`forkserver`, mặc định",
              "preload": '`forkserver` + `set_forkserver_preload(["__main__", "numpy"])`'}
    for argument, label in labels.items():
        first, later = json.loads(run_program(sys.executable, source, folder, argument)[-1])
        rows.append(f"| {label} | {first * 1000:.0f} | {later * 1000:.0f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", help="an interpreter (repeatable)")
    parser.add_argument("--out-dir", type=Path, default=paths.ROOT / "measurements")
    args = parser.parse_args()
    interpreters = args.python or default_interpreters()
    pickling: dict[str, dict] = {}
    forkserver: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for python in interpreters:
            version = version_of(python)
            pickling[version] = json.loads(run_program(python, PICKLING_PROGRAM,
                                                       Path(folder))[-1])
            forkserver.append(forkserver_row(version,
                                             run_program(python, FORKSERVER_PROGRAM,
                                                         Path(folder))))
        preload = preload_rows(Path(folder))
    machine = environment.machine_label().split(" · CPython")[0]
    versions = ", ".join(pickling)
    pickle_caption = (
        f"*{machine} · CPython {versions}; tạo bằng `python scripts/measure_phien_ban.py`: "
        "mỗi hàm được giao cho `ProcessPoolExecutor(max_workers=1)` trong một chương trình "
        "chạy bằng `python chuong_trinh.py`; địa chỉ bộ nhớ thay bằng 0x….*")
    fork_caption = (
        f"*{machine} · CPython {versions}; tạo bằng `python scripts/measure_phien_ban.py`: "
        "chương trình `python chuong_trinh.py` tạo lần lượt 2 tiến trình con bằng "
        "`get_context(\"forkserver\")`; mã cấp cao nhất của nó in một dòng mỗi lần chạy và "
        "rút một số `random.random()`.*")
    fork_rows = ["| Python | Mã cấp cao nhất chạy trong tiến trình forkserver "
                 "| … chạy lại trong tiến trình con | Số ngẫu nhiên rút lúc import |",
                 "|---|---:|---:|---|", *forkserver]
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "phien_ban_pickle.md").write_text(
        "\n".join([*pickling_rows(pickling), "", pickle_caption, ""]), encoding="utf-8")
    preload_caption = (
        f"*{environment.machine_label()}; tạo bằng `python scripts/measure_phien_ban.py`: "
        "tạo rồi `join()` một tiến trình con không làm gì, trong một chương trình có "
        "`import numpy` ở đầu tệp. Với `forkserver`, tiến trình con đầu tiên gồm cả thời gian "
        "khởi động tiến trình forkserver.*")
    (args.out_dir / "phien_ban_forkserver.md").write_text(
        "\n".join([*fork_rows, "", fork_caption, ""]), encoding="utf-8")
    (args.out_dir / "khoi_dong_numpy.md").write_text(
        "\n".join([*preload, "", preload_caption, ""]), encoding="utf-8")
    print("\n".join([*pickling_rows(pickling), "", *fork_rows, "", *preload]))


if __name__ == "__main__":
    main()

"""Synthetic student submissions for the grader's tests and benchmark: honest, wrong, hostile.

Each case is our reference solution of bai04_dem_tu with `count_words_parallel` redefined at
the end of the file (a later `def` wins), or a broken file. The expected statuses are those of
the correctness tests; SPEED_CASES are correct but must not earn speed points.
"""

import zipfile
from pathlib import Path

from tangtoc import paths

EXERCISE = "bai04_dem_tu"
FILE = f"{EXERCISE}.py"
REFERENCE = (paths.SOLUTIONS / FILE).read_text(encoding="utf-8")
DAEMON_MARK = "tangtoc-hostile-daemon"
SHM_PREFIX = "tangtoc_hostile_"

_KEEP = "_reference_parallel = count_words_parallel\n"


def _override(body: str) -> str:
    return f"{REFERENCE}\n\n{_KEEP}\n\ndef count_words_parallel(paths, workers=2):\n{body}\n"


# name -> (source, expected statuses of the correctness tests)
CASES = {
    "dung": (REFERENCE, {"passed"}),
    "sai": (_override('    return Counter({"sai": 1})'), {"failed"}),
    "vong_lap": (_override("    while True:\n        pass"), {"timeout"}),
    "khoa_chet": (_override("    import threading\n    lock = threading.Lock()\n"
                            "    lock.acquire()\n    lock.acquire()"), {"timeout"}),
    "an_bo_nho": (_override("    blocks = []\n    while True:\n"
                            "        blocks.append(bytearray(64 * 2**20))"), {"crashed"}),
    "bom_tien_trinh": (_override("    import os, time\n    while True:\n        try:\n"
                                 "            os.fork()\n        except OSError:\n"
                                 "            time.sleep(0.05)"), {"timeout", "crashed"}),
    "thoat_khi_nhap": (REFERENCE + "\nimport sys\nsys.exit(3)\n", {"error"}),
    "os_exit_khi_nhap": (REFERENCE + "\nimport os\nos._exit(0)\n", {"crashed"}),
    "loi_cu_phap": (REFERENCE + "\ndef hong(:\n    pass\n", {"error"}),
    "thieu_ham": (REFERENCE.replace("def count_words_parallel(", "def dem_song_song("),
                  {"error"}),
    "in_nhieu": (_override("    import sys\n    print('x' * 2_000_000)\n"
                           "    print('y' * 2_000_000, file=sys.stderr)\n"
                           "    return _reference_parallel(paths, workers)"), {"passed"}),
    "tien_trinh_ngam": (_override(
        "    import os, sys\n    if os.fork() == 0:\n        os.setsid()\n"
        "        if os.fork() == 0:\n"
        f"            os.execve(sys.executable, [sys.executable, '-c', "
        f"'import time; time.sleep(600)', '{DAEMON_MARK}'], {{}})\n"
        "        os._exit(0)\n    os.wait()\n"
        "    return _reference_parallel(paths, workers)"), {"passed"}),
    "bo_lai_shm": (_override(
        "    import os\n    from multiprocessing import resource_tracker, shared_memory\n"
        f"    shm = shared_memory.SharedMemory('{SHM_PREFIX}' + str(os.getpid()), "
        "create=True, size=2**20)\n"
        "    resource_tracker.unregister(shm._name, 'shared_memory')\n    shm.close()\n"
        "    return _reference_parallel(paths, workers)"), {"passed"}),
    "tra_cung": (_override('    return Counter({"và": 3000, "là": 2000})'), {"failed"}),
    # The cheats of the tests of the tests, made self-contained: tests/cheats/ loads our
    # solutions, which no sandboxed submission can read.
    "luong": (_override("    from multiprocessing.pool import ThreadPool\n"
                        "    with ThreadPool(workers) as pool:\n"
                        "        return sum(pool.map(count_words_in_file, paths), Counter())"),
              {"passed"}),
    "tuan_tu": (_override("    return count_words_sequential(paths)"), {"passed"}),
}
SPEED_CASES = ("luong", "tuan_tu")


def write_case(folder: Path, name: str, source: str | None = None) -> Path:
    """folder/<name>/bai04_dem_tu.py holding the case's source."""
    student = folder / name
    student.mkdir(parents=True)
    (student / FILE).write_text(source if source is not None else CASES[name][0],
                                encoding="utf-8")
    return student


def write_zip(folder: Path, name: str, members: dict[str, str | bytes]) -> Path:
    archive = folder / f"{name}.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for member, data in members.items():
            zipped.writestr(member, data)
    return archive


def write_class(folder: Path, names) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        write_case(folder, name)
    return folder

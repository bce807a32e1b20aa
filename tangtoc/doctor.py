"""`tangtoc doctor`: what this machine offers for parallel Python, and what to do about it."""

import os
import shutil
import sys

from tangtoc import environment
from tangtoc.cores import affinity_cores, cgroup_cpu_limit, usable_cores
from tangtoc.speed import required_speedup


def report_lines() -> list[str]:
    usable = usable_cores()
    quota = cgroup_cpu_limit()
    lines = [
        f"Python: {environment.python_label()} ({sys.executable})",
        f"CPU: {environment.cpu_model()}",
        f"Số lõi: máy có {os.cpu_count()}, tiến trình này được dùng {affinity_cores()} "
        f"(theo CPU affinity)" + (f", hạn mức cgroup {quota:g} CPU" if quota else "")
        + f" → dùng được {usable} lõi.",
        f"Phương thức khởi động (start method) mặc định: {environment.default_start_method()}.",
        "GIL: " + ("đang bật." if environment.gil_enabled() else
                   "đang TẮT (bản free-threaded): luồng cũng có thể chạy song song."),
        _numpy_line(),
        *_shm_lines(),
    ]
    if usable >= 2:
        lines.append(f"✔ Kiểm tra tốc độ chạy được ở đây: với {usable} tiến trình, bài cần "
                     f"tăng tốc ≥ {required_speedup(usable, usable):.2f}×.")
    else:
        lines.append("✘ Chỉ có 1 lõi dùng được: phần đo tốc độ sẽ bị bỏ qua («không chấm được "
                     "tốc độ»). Trong máy ảo hoặc Docker, hãy cấp ít nhất 2 CPU (ví dụ "
                     "`docker run --cpus=2`).")
    return lines


def _numpy_line() -> str:
    try:
        import numpy
    except ImportError:
        return "numpy: chưa cài (chạy lại `pip install -e .` trong thư mục khóa học)."
    return f"numpy: {numpy.__version__}."


def _shm_lines() -> list[str]:
    if not os.path.isdir("/dev/shm"):
        return []
    free_mib = shutil.disk_usage("/dev/shm").free / 2**20
    line = f"/dev/shm (bộ nhớ chia sẻ): còn trống {free_mib:.0f} MiB."
    if free_mib < 512:
        line += (" Quá nhỏ cho bài SharedMemory: trong Docker hãy chạy với `--shm-size=1g`.")
    return [line]

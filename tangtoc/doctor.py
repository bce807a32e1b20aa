"""`tangtoc doctor`: what this machine offers for parallel Python, and what to do about it.

Facts are gathered once (`Facts.here()`); each advice function turns facts into lines that start
with ✔ (fine), ⚠ (works, but read this) or ✘ (speed checks cannot run), so the advice can be
tested for machines we do not have (Windows, macOS, a free-threaded build, a small /dev/shm).
"""

import os
import platform
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from tangtoc import bubblewrap, environment, paths
from tangtoc.cores import affinity_cores, cgroup_cpu_limit, usable_cores
from tangtoc.shm_check import SHM_DIR
from tangtoc.verdict import required_speedup

SMALL_SHM_MIB = 512
SUPPORTED = (3, 10)
SETUP_PAGE = "docs/cai-dat.md"


@dataclass
class Facts:
    platform: str  # sys.platform: linux, darwin, win32
    kernel: str  # platform.release(): tells WSL apart
    python: tuple[int, int]
    python_label: str
    free_threaded: bool
    gil_enabled: bool
    start_method: str
    cpu_count: int
    affinity: int
    quota: float | None
    usable: int
    shm_total_mib: float | None  # None: no /dev/shm (macOS, Windows)
    shm_free_mib: float | None
    in_container: bool
    load: float | None  # 1-minute load average, None where unknown
    course: Path
    sandbox: str = ""  # why `tangtoc grade` cannot sandbox submissions here ("" if it can)
    userns_locked: bool = True  # the sandbox can forbid user namespaces inside (bwrap >= 0.8)

    @classmethod
    def here(cls) -> "Facts":
        shm = shutil.disk_usage(SHM_DIR) if SHM_DIR.is_dir() else None
        return cls(
            platform=sys.platform, kernel=platform.release(), python=sys.version_info[:2],
            python_label=environment.python_label(),
            free_threaded=environment.free_threaded_build(),
            gil_enabled=environment.gil_enabled(),
            start_method=environment.default_start_method(), cpu_count=os.cpu_count() or 1,
            affinity=affinity_cores(), quota=cgroup_cpu_limit(), usable=usable_cores(),
            shm_total_mib=shm.total / 2**20 if shm else None,
            shm_free_mib=shm.free / 2**20 if shm else None,
            in_container=any(Path(p).exists() for p in ("/.dockerenv", "/run/.containerenv")),
            load=os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            course=paths.ROOT, sandbox=bubblewrap.unavailable_reason(),
            userns_locked=bool(bubblewrap.disable_userns()),
        )


def report_lines(facts: Facts | None = None) -> list[str]:
    facts = facts or Facts.here()
    return [
        f"Python: {facts.python_label} ({sys.executable}); CPU: {environment.cpu_model()}",
        *python_lines(facts), *platform_lines(facts), *core_lines(facts),
        *start_method_lines(facts), *gil_lines(facts), *shm_lines(facts), _numpy_line(),
        *course_lines(facts), *sandbox_lines(facts),
    ]


def python_lines(facts: Facts) -> list[str]:
    version = f"{facts.python[0]}.{facts.python[1]}"
    if facts.python < SUPPORTED:
        return [f"✘ Python {version} quá cũ: khóa học cần Python 3.10 trở lên; hãy cài bản mới "
                "hơn rồi tạo lại môi trường ảo (.venv)."]
    line = f"✔ Python {version} được hỗ trợ (khóa học cần 3.10 trở lên)."
    if facts.python >= (3, 14) and facts.platform.startswith("linux"):
        line += " Từ 3.14, Linux mặc định dùng forkserver thay cho fork."
    return [line]


def platform_lines(facts: Facts) -> list[str]:
    if facts.platform == "win32":
        return ["✘ Windows gốc không được hỗ trợ: nhiều bài kiểm tra cần fork, forkserver và "
                "/proc của Linux, và bộ chấm không dọn được tiến trình con của một bài bị treo; "
                f"hãy dùng WSL2 (Ubuntu) theo hướng dẫn ở {SETUP_PAGE}."]
    if facts.platform == "darwin":
        return ["✔ macOS: tiến trình con khởi động bằng spawn (mặc định từ Python 3.8), nên mỗi "
                "tiến trình nạp lại module của bạn; trên chip Apple, lõi tiết kiệm điện (E-core) "
                "chậm hơn lõi hiệu năng, hãy cắm sạc khi đo tốc độ."]
    if "microsoft" in facts.kernel.lower():
        return _wsl_lines(facts)
    return ["✔ Linux: nền tảng chính của khóa học."]


def _wsl_lines(facts: Facts) -> list[str]:
    if "wsl2" not in facts.kernel.lower() and "microsoft-standard" not in facts.kernel.lower():
        return ["⚠ Đây là WSL1: hãy chuyển sang WSL2 (trong PowerShell: «wsl --set-version Ubuntu "
                "2») để có nhân Linux thật và số lõi đúng."]
    lines = ["✔ WSL2: Linux thật chạy trong Windows, khóa học chạy như trên Linux."]
    if str(facts.course).startswith("/mnt/"):
        lines.append(f"⚠ Thư mục khóa học ({facts.course}) nằm trên ổ đĩa Windows, đọc ghi tệp "
                     "chậm hơn nhiều: hãy clone lại vào thư mục nhà của Linux (ví dụ ~/tangtoc).")
    return lines


def core_lines(facts: Facts) -> list[str]:
    counted = (f"Số lõi: máy có {facts.cpu_count}, tiến trình này được dùng {facts.affinity} "
               "(theo CPU affinity)" + (f", hạn mức cgroup {facts.quota:g} CPU" if facts.quota
                                        else "") + f" → dùng được {facts.usable} lõi.")
    if facts.usable < 2:
        return [counted, "✘ Chỉ có 1 lõi dùng được: phần đo tốc độ sẽ bị bỏ qua («không chấm "
                f"được tốc độ») và không bao giờ tính là đạt. {_one_core_fix(facts)}"]
    lines = [counted, f"✔ Kiểm tra tốc độ chạy được ở đây: với {facts.usable} tiến trình, bài "
                      f"cần tăng tốc ≥ {required_speedup(facts.usable, facts.usable):.2f}×."]
    if facts.load is not None and facts.load > max(0.7, 0.35 * facts.usable):
        lines.append(f"⚠ Máy đang bận (tải trung bình 1 phút {facts.load:.1f} trên "
                     f"{facts.usable} lõi): số đo tốc độ sẽ thấp hơn thật; hãy tắt các chương "
                     "trình nặng trước khi chạy «tangtoc check».")
    return lines


def _one_core_fix(facts: Facts) -> str:
    if facts.affinity < facts.cpu_count:
        return ("Tiến trình bị giới hạn CPU affinity (ví dụ chạy qua «taskset -c 0»): hãy chạy "
                "lại không có giới hạn đó.")
    if facts.quota is not None and facts.quota < 2:
        return ("Container bị giới hạn CPU (cgroup): hãy chạy lại Docker với «--cpus=2» trở lên "
                "(hoặc bỏ «--cpus», «--cpuset-cpus»).")
    return ("Máy (ảo) chỉ có 1 CPU: VirtualBox → Settings → System → Processor, chọn ít nhất 2; "
            "WSL2: đặt «processors=2» trong mục [wsl2] của %UserProfile%\\.wslconfig rồi chạy "
            "«wsl --shutdown»; Docker Desktop: Settings → Resources → CPUs; máy chủ đám mây: "
            "chọn loại máy có từ 2 vCPU.")


START_METHOD_NOTES = {
    "fork": "tiến trình con là bản sao của tiến trình cha (nhanh, nhưng chỉ có trên Linux/Unix)",
    "spawn": "mỗi tiến trình con là một trình thông dịch mới, nạp lại module của bạn",
    "forkserver": "một tiến trình máy chủ nạp module chính của bạn một lần, rồi mỗi tiến trình "
                  "con được tách (fork) từ máy chủ đó",
}


def start_method_lines(facts: Facts) -> list[str]:
    note = START_METHOD_NOTES.get(facts.start_method, "")
    return [f"✔ Phương thức khởi động (start method) mặc định là {facts.start_method} ({note})."
            " Bài được chấm với mọi phương thức nên luôn đặt hàm giao cho Pool ở cấp cao nhất của "
            "module và mã tạo Pool trong «if __name__ == \"__main__\":»."]


def gil_lines(facts: Facts) -> list[str]:
    if not facts.free_threaded:
        return ["✔ GIL: đang bật (bản CPython thường), đúng như bài giảng.",
                *free_threaded_howto()]
    if facts.gil_enabled:
        return ["⚠ Đây là bản free-threaded nhưng GIL đang bật lại (do PYTHON_GIL=1 hoặc một "
                "module mở rộng chưa hỗ trợ): kết quả như bản thường."]
    return ["⚠ Bản free-threaded, GIL đang TẮT: luồng (thread) cũng chạy song song được, nên số "
            "đo sẽ khác bài giảng và báo cáo tốc độ sẽ ghi chú điều này; để học đúng như bài "
            "giảng, hãy tạo .venv bằng bản python3 thường (có GIL)."]


FREE_THREADED_WAYS = (
    "trình cài đặt của python.org (Windows, macOS): chọn thêm «free-threaded binaries»",
    "uv: «uv python install 3.14t», rồi «uv venv --python 3.14t .venv-t»",
    "pyenv: «pyenv install 3.14t»",
    "Ubuntu: PPA deadsnakes, gói python3.14-nogil (lệnh python3.14t)",
    "GitHub Actions: actions/setup-python với «python-version: 3.14t» "
    "(.github/workflows/tests.yml của khóa học làm vậy)",
)


def free_threaded_howto() -> list[str]:
    """How to get a free-threaded interpreter, for the exercise graded only without the GIL."""
    return ["  Muốn thử bản không GIL (bài tùy chọn bai02_khong_gil chỉ chấm trên bản đó)? Cài "
            "python3.14t bằng một trong các cách:",
            *(f"    - {way}" for way in FREE_THREADED_WAYS),
            "    rồi tạo một .venv riêng bằng python3.14t và chạy «tangtoc doctor» trong đó."]


def shm_lines(facts: Facts) -> list[str]:
    if facts.shm_total_mib is None:
        return []
    line = (f"/dev/shm (bộ nhớ chia sẻ): {facts.shm_total_mib:.0f} MiB, còn trống "
            f"{facts.shm_free_mib:.0f} MiB.")
    if facts.shm_free_mib >= SMALL_SHM_MIB:
        return ["✔ " + line]
    where = ("trong Docker, hãy chạy lại container với «--shm-size=1g»" if facts.in_container
             or facts.shm_total_mib <= 64 else "hãy giải phóng hoặc tăng dung lượng /dev/shm")
    return [f"⚠ {line} Quá nhỏ cho các bài dùng SharedMemory với mảng lớn: {where}."]


def _numpy_line() -> str:
    try:
        import numpy
    except ImportError:
        return "✘ numpy: chưa cài; hãy chạy lại «pip install -e .» trong thư mục khóa học."
    return f"✔ numpy {numpy.__version__}."


def course_lines(facts: Facts) -> list[str]:
    if not (facts.course / "lessons").is_dir():
        return [f"✘ Không thấy thư mục khóa học ở {facts.course}: hãy cài bằng «pip install -e .» "
                "ngay trong thư mục đã clone."]
    line = f"✔ Thư mục khóa học: {facts.course}."
    if not shutil.which("git"):
        line += (" (Không có git: «tangtoc reset» sẽ dùng bản gốc lưu trong .tangtoc/pristine/.)")
    return [line]


def sandbox_lines(facts: Facts) -> list[str]:
    """For teachers: whether `tangtoc grade` can isolate submissions on this machine."""
    if not facts.sandbox and not facts.userns_locked:
        return ["⚠ Chấm bài (giáo viên): máy này cách ly được bài nộp bằng bubblewrap, nhưng "
                "bản bubblewrap cũ hơn 0.8 không cấm được bài tạo user namespace trong hộp cát "
                "(và keyring của hạt nhân còn lại giữa các lần gọi): nên cài bubblewrap mới hơn "
                "(Debian 12, Ubuntu 24.04 trở lên)."]
    if not facts.sandbox:
        return ["✔ Chấm bài (giáo viên): máy này cách ly được bài nộp bằng bubblewrap (mỗi lần "
                "gọi mã của bài chạy trong một hộp cát riêng)."]
    return [f"⚠ Chấm bài (giáo viên): máy này không cách ly được bài nộp: {facts.sandbox}. "
            "«tangtoc grade» sẽ từ chối chấm, trừ khi thêm --khong-cach-ly (chỉ khi tin mọi bài "
            "nộp). Việc tự kiểm tra bài của bạn («tangtoc check») không cần cách ly."]

"""The Vietnamese wording of speed checks: measured figures, verdicts, likely causes of a
slow failure, and how a call of the student's code went wrong."""

import statistics

from tangtoc.records import SpeedReport
from tangtoc.runner import CallResult
from tangtoc.verdict import parallel_work_shown

BUSY_MESSAGE = "máy đang bận, chưa đo được tốc độ: đóng bớt chương trình rồi thử lại"


def busy_message(report: SpeedReport) -> str:
    others = max((b for b in report.baseline_background + report.candidate_background
                  if b is not None), default=0.0)
    return (f"{BUSY_MESSAGE}. Trong lúc đo, các chương trình khác dùng tới ≈ {others:.1f} lõi "
            f"CPU (trên {report.cores} lõi), nên chưa kết luận được: đo được "
            f"{measured_phrase(report.to_dict())}.")


def second_series_note(first: SpeedReport) -> str:
    """Why the figures are a second series of rounds (tangtoc.speed)."""
    return (f"Loạt đo đầu chỉ được {first.speedup:.2f}× (cần ≥ {first.threshold:.2f}×) dù các "
            "lõi đều bận với bài của bạn; trên máy ảo dùng chung, tốc độ có lúc giảm mà không "
            "thấy chương trình nào khác, nên bài được đo lại một loạt mới và kết quả trên là của "
            "loạt thứ hai.")


BOOTSTRAPPING = "before the current process has finished its bootstrapping phase"
MAIN_GUARD_HELP = (
    "Nguyên nhân: thiếu điều kiện `if __name__ == \"__main__\":`. Mã chạy thử ở cấp cao nhất "
    "của tệp (ngoài mọi hàm) chạy lại mỗi khi một tiến trình con (spawn, forkserver) import "
    "tệp, và nó lại tạo tiến trình mới khi tiến trình con chưa khởi động xong (lỗi "
    "«bootstrapping phase»), nên Pool không bao giờ xong. Cách sửa: đưa mọi mã chạy thử vào "
    "trong khối `if __name__ == \"__main__\":` ở cuối tệp; giữ các hàm ở cấp cao nhất "
    "(docs/bai08-sai-lam.md, mục 1)."
)


def describe_failure(result: CallResult) -> str:
    """One Vietnamese sentence about a call that did not return normally, and the missing
    main guard's explanation when its RuntimeError shows in what the call printed."""
    error = f"{result.error_type}: {result.error}" if result.error_type else result.error
    sentence = {
        "raised": f"bài ném ngoại lệ {error}",
        "import_error": f"không nhập (import) được bài: {error}",
        "timeout": f"bài chạy quá lâu ({error}) nên bị dừng",
        "crashed": error,
        "bad_result": error,
    }.get(result.status, error).rstrip(".") + "."
    if BOOTSTRAPPING in " ".join(f"{result.error} {result.stderr}".split()):
        sentence += " " + MAIN_GUARD_HELP
    return sentence


def speed_reports(properties: dict) -> list[dict]:
    """Every speed report a test recorded, in order: a test may run several checks (e.g. against
    our sequential version, then against a pickling pool); "speed" alone is the last one."""
    return properties.get("speed_checks") or ([properties["speed"]] if properties.get("speed")
                                              else [])


def measured_phrase(report: dict) -> str:
    """'tăng tốc 1.84× trên 2 lõi (cần ≥ 1.30×)' from a report (as a dict: it crosses processes);
    an I/O-bound check names its threads instead: 'tăng tốc 6.10× với 8 luồng (cần ≥ 4.00×)'."""
    if report.get("parallelism") == "io":
        where = f" với {report['workers']} luồng"
    elif report.get("parallelism") == "vector":
        where = ""  # the speed-up of vectorising does not depend on the cores
    else:
        where = f" trên {min(report['workers'], report['cores'])} lõi"
    versus = f" so với {report['versus']}," if report.get("versus") else ""
    return f"tăng tốc {report['speedup']:.2f}×{versus}{where} (cần ≥ {report['threshold']:.2f}×)"


def speed_message(report: SpeedReport) -> str:
    measured = measured_phrase(report.to_dict())
    cpu = ("" if report.cpu_cores_used is None
           else f" CPU dùng ≈ {report.cpu_cores_used:.1f} lõi"
           + ("" if report.cores_needed is None else f" (cần ≥ {report.cores_needed:.1f})")
           + ".")
    if report.passed:
        return measured + "." + cpu
    if report.proof_failed and report.parallelism == "io":  # the server saw no overlap
        return f"{measured}, nhưng {report.cause}"
    if report.proof_failed and report.one_worker_waited:
        return _waited_alone(report, measured)
    if report.proof_failed and report.self_speedup is not None:
        return _not_from_workers(report, measured)
    if report.proof_failed:
        return _not_parallel(report, measured)
    cause = report.cause or _likely_cause(report)
    return f"chỉ {measured}.{cpu} {cause}{_no_partial_credit(report)}"


def _no_partial_credit(report: SpeedReport) -> str:
    """Why a slow failure timed against itself (tangtoc.speed) gets no partial speed credit
    from the grader; empty when it was not timed so or earns it."""
    if report.self_speedup is None or parallel_work_shown(report.to_dict()):
        return ""
    if report.one_worker_waited:
        why = (f"khi chạy với workers=1, CPU chỉ bận ≈ {report.one_worker_cores:.1f} lõi "
               "(phần lớn thời gian là chờ)")
    else:
        why = (f"chính bài này chỉ nhanh hơn {report.self_speedup:.2f}× khi có "
               f"{min(report.workers, report.cores)} tiến trình so với workers=1 "
               f"(cần ≥ {report.cores_needed:.1f}×)")
    return (f" Bộ chấm của giáo viên cũng không cho điểm tốc độ một phần: {why}, nên tốc độ "
            "đo được không đến từ các tiến trình làm việc.")


def _not_parallel(report: SpeedReport, measured: str) -> str:
    """Faster than our sequential version, but on about one core: praise the algorithm and say
    why it is not yet parallel."""
    tool = ("nhiều luồng (thread) cùng băm các khối lớn" if report.parallelism == "threads"
            else "nhiều tiến trình (Pool hoặc ProcessPoolExecutor)")
    return (f"{measured}: bài đúng và nhanh hơn bản tuần tự, thuật toán tốt! Nhưng trong lần "
            f"chạy nhanh nhất CPU chỉ dùng ≈ {report.cpu_cores_used:.1f} lõi (cần ≥ "
            f"{report.cores_needed:.1f} trong {min(report.workers, report.cores)} lõi): tốc độ "
            "đến từ thuật toán, không phải từ chạy song song. Bài này chấm việc dùng nhiều lõi: "
            f"hãy chia việc cho `workers` phần chạy cùng lúc bằng {tool}; thuật toán nhanh của "
            "bạn chạy trong từng phần sẽ còn nhanh hơn nữa.")


def _not_from_workers(report: SpeedReport, measured: str) -> str:
    """Fast, and busy cores, but no faster with p workers than with one: the speed-up does not
    come from dividing the work."""
    p = min(report.workers, report.cores)
    return (f"{measured}, nhưng chính bài này với workers=1 cũng chỉ mất "
            f"{statistics.median(report.one_worker_seconds):.2f} s so với "
            f"{statistics.median(report.self_candidate_seconds):.2f} s khi có {p} tiến trình "
            f"làm việc (trung vị các lần đo xen kẽ): chỉ nhanh hơn {report.self_speedup:.2f}× "
            f"khi thêm tiến trình (cần ≥ {report.cores_needed:.1f}×). Tốc độ không đến từ việc "
            "chia việc cho các tiến trình làm việc (CPU bận thêm mà không làm phần việc nào thì "
            "không tính). Hãy chia dữ liệu thành `workers` phần và tính mỗi phần trong một "
            "tiến trình.")


def _waited_alone(report: SpeedReport, measured: str) -> str:
    """Slow with workers=1 only because it waited there: the self rounds prove nothing."""
    return (f"{measured}, nhưng khi chạy với workers=1 bài mất "
            f"{statistics.median(report.one_worker_seconds):.2f} s mà CPU chỉ bận ≈ "
            f"{report.one_worker_cores:.1f} lõi: phần lớn thời gian đó là chờ (ví dụ sleep), "
            "không phải tính. Một tiến trình làm việc thật giữ một lõi bận suốt lần chạy; "
            "chậm đi nhờ chờ thì không chứng minh được các tiến trình làm việc có ích. Hãy chia "
            "dữ liệu thành `workers` phần và tính mỗi phần trong một tiến trình.")


MANY_MESSAGES = 1000  # write() calls: a Pool in sensible chunks makes tens; one per item, more
SMALL_MESSAGE = 4096  # bytes per write() on average: a big message goes in pipe-sized pieces
COPIED_SHARE = 0.5  # of the input's pickled size, written to the workers and back
BIG_INPUT = 1 << 20  # bytes: less costs little to copy, whatever the share


def _likely_cause(report: SpeedReport) -> str:
    """The likely cause of a slow failure, from what was measured during the fastest run: the
    cores used, the messages and bytes the call wrote; a fixed list only where nothing was."""
    if report.parallelism == "io":
        return ("Các lần chờ mạng chưa chồng lên nhau: có lẽ bài vẫn tải từng địa chỉ một, hoặc "
                "dùng ít luồng hơn số được giao. Hãy gửi mọi yêu cầu vào một ThreadPoolExecutor "
                "với `workers` luồng.")
    if report.parallelism == "vector":
        return ("Bài vẫn chạy vòng lặp Python qua từng phần tử (chia cho nhiều tiến trình cũng "
                "chỉ nhân được số lõi): hãy viết phép tính trên cả mảng bằng các phép toán "
                "numpy (vector hóa).")
    if report.parallelism == "threads":
        return ("Các luồng chưa chạy song song: có lẽ bài chạy tuần tự, dùng ít luồng hơn số "
                "được giao, hoặc đưa cho hàm thư viện những khối dữ liệu quá nhỏ (hashlib chỉ "
                "nhả GIL với khối lớn hơn 2047 byte).")
    measured = _traffic_cause(report)  # many tasks or a big copy keep a pool slow, whatever
    if measured:  # the cores it kept busy
        return measured
    used = report.cpu_cores_used
    if used is not None and used < 1.3:
        return ("Mã gần như chỉ dùng một lõi: có lẽ nó chạy tuần tự, hoặc dùng luồng (thread) "
                "nên bị GIL giới hạn. Hãy dùng tiến trình (Pool hoặc ProcessPoolExecutor).")
    if report.messages_sent is not None and report.bytes_sent is not None:
        return (f"{_traffic(report)}: không phải do quá nhiều việc nhỏ hay sao chép dữ liệu. "
                "Nhiều lõi đã bận mà thời gian không giảm tương xứng: có thể vì tạo tiến "
                "trình/Pool nhiều lần, vì mỗi tiến trình con khởi động (import) nặng, hoặc vì "
                "phần chạy tuần tự trong tiến trình chính còn lớn.")
    if used is not None:
        return ("Nhiều lõi đã làm việc mà thời gian không giảm tương xứng: có thể vì quá nhiều "
                "việc (task) nhỏ (tăng chunksize), vì sao chép dữ liệu lớn sang tiến trình con, "
                "hoặc vì tạo tiến trình/Pool nhiều lần.")
    return ("Nguyên nhân thường gặp: dùng luồng thay vì tiến trình (GIL), chạy tuần tự, quá "
            "nhiều việc nhỏ (tăng chunksize), hoặc sao chép dữ liệu lớn sang tiến trình con.")


def _traffic(report: SpeedReport) -> str:
    return (f"Trong lần chạy nhanh nhất, bài đã ghi {_size(report.bytes_sent)} qua "
            f"{report.messages_sent} lần ghi")


def _traffic_cause(report: SpeedReport) -> str:
    """The cause the call's writes show, many small tasks or a big copy; empty when neither
    (or when they were not measured)."""
    messages, sent, size = report.messages_sent, report.bytes_sent, report.input_bytes
    if messages is None or sent is None:
        return ""
    if messages >= MANY_MESSAGES and sent < SMALL_MESSAGE * messages:
        return (f"{_traffic(report)} (khoảng một lần cho mỗi việc gửi đi và mỗi kết quả gửi "
                "về): quá nhiều việc (task) nhỏ, tiến trình chính và các tiến trình con tốn thời "
                "gian pickle và chuyển từng việc. Hãy gửi việc theo lô: tăng chunksize, hoặc "
                "chia dữ liệu thành vài phần cho mỗi tiến trình.")
    # A big share of a big input, or megabytes beside a small one (paths whose contents
    # were read in the main process and sent).
    if sent >= BIG_INPUT and (not size or size < BIG_INPUT or sent >= COPIED_SHARE * size):
        share = (f", bằng {sent / size:.0%} dữ liệu vào ({_size(size)})"
                 if size and size >= BIG_INPUT else "")
        return (f"{_traffic(report)}{share}: dữ liệu lớn đã được pickle và sao chép sang các "
                "tiến trình con (và kết quả gửi về). Hãy để mỗi tiến trình con tự đọc phần dữ "
                "liệu của nó (gửi đường dẫn, chỉ số), hoặc dùng bộ nhớ chia sẻ (SharedMemory).")
    return ""


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count / 2**10:.0f} KiB"

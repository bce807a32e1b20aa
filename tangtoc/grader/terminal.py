"""Progress while grading and a summary at the end, on the teacher's terminal (stderr/stdout)."""

import sys
import threading
import time

BAR_WIDTH = 24


class Progress:
    """A one-line bar on a terminal; one line per finished step when the output is a file."""

    def __init__(self, total: int, stream=None):
        self.total, self.done = max(total, 1), 0
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.started = time.monotonic()
        self.lock = threading.Lock()

    def step(self, label: str) -> None:
        with self.lock:
            self.done += 1
            filled = BAR_WIDTH * self.done // self.total
            bar = "█" * filled + "░" * (BAR_WIDTH - filled)
            elapsed = time.monotonic() - self.started
            line = f"[{bar}] {self.done}/{self.total} · {elapsed:5.0f} s · {label}"
            if self.live:
                self.stream.write("\r\033[K" + line[:120])
                if self.done >= self.total:
                    self.stream.write("\n")
            else:
                self.stream.write(line + "\n")
            self.stream.flush()


def summary(rows: list[dict], out, backup, seconds: float, stream=None) -> None:
    stream = stream or sys.stdout
    width = max([len(row["sinh_vien"]) for row in rows] + [9])
    print(f"\n{'Sinh viên':<{width}}  {'Điểm':>11}  Trạng thái", file=stream)
    for row in rows:
        score = f"{row['tong']:g}/{row['toi_da']:g}"
        print(f"{row['sinh_vien']:<{width}}  {score:>11}  {row['trang_thai']}"
              + (f" ({row['ghi_chu']})" if row["ghi_chu"] else ""), file=stream)
    print(f"\nĐã chấm {len(rows)} bài nộp trong {seconds:.0f} giây. Kết quả: {out}/grades.csv",
          file=stream)
    if backup:
        print(f"Kết quả lần chấm trước được giữ ở {backup}.", file=stream)

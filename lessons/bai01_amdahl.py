"""Bài 01 – Máy tính luật Amdahl (bài làm của bạn).

Đề bài: một chương trình có phần song song hóa được chiếm tỉ lệ `p` thời gian chạy tuần tự
(0 ≤ p ≤ 1); phần còn lại (1 − p) luôn chạy tuần tự. Theo luật Amdahl, với N worker:

    S(N) = 1 / ((1 − p) + p / N)

- `amdahl_speedup(parallel_fraction, workers)`: S(N).
- `amdahl_limit(parallel_fraction)`: giới hạn của S(N) khi N → ∞, tức 1 / (1 − p);
  trả về `math.inf` khi p = 1.
- `workers_needed(parallel_fraction, target)`: số worker N nhỏ nhất để S(N) ≥ target, hoặc
  `None` nếu không bao giờ đạt được (target ≥ giới hạn).
- Ràng buộc: p ngoài [0, 1], workers < 1 hoặc target < 1 gây `ValueError`.
- Bài giảng: docs/bai01-vi-sao-song-song.md («Vì sao cần song song»).
"""

import math  # noqa: F401  (math.inf)


# --8<-- [start:given]
def check_fraction(parallel_fraction: float) -> None:
    """Báo lỗi nếu tỉ lệ song song nằm ngoài [0, 1] (đã cho sẵn)."""
    if not 0.0 <= parallel_fraction <= 1.0:
        raise ValueError(f"tỉ lệ song song phải trong [0, 1] (nhận được {parallel_fraction})")
# --8<-- [end:given]


# --8<-- [start:task]
def amdahl_speedup(parallel_fraction: float, workers: int) -> float:
    """S(N) = 1 / ((1 − p) + p / N)."""
    # TODO: kiểm tra đầu vào (check_fraction, workers ≥ 1) rồi tính theo công thức.
    raise NotImplementedError(
        "Chưa làm: hãy viết amdahl_speedup (xem gợi ý: tangtoc hint bai01_amdahl)."
    )


def amdahl_limit(parallel_fraction: float) -> float:
    """Tăng tốc tối đa khi có vô số worker: 1 / (1 − p)."""
    raise NotImplementedError("Chưa làm: hãy viết amdahl_limit (nhớ trường hợp p = 1).")


def workers_needed(parallel_fraction: float, target: float) -> int | None:
    """Số worker nhỏ nhất để đạt tăng tốc `target`, hoặc None nếu không thể."""
    raise NotImplementedError("Chưa làm: hãy viết workers_needed.")
# --8<-- [end:task]


if __name__ == "__main__":
    for p in (0.5, 0.9, 0.95, 0.99):
        row = ", ".join(f"N={n}: {amdahl_speedup(p, n):.2f}×" for n in (2, 4, 8, 64))
        print(f"p = {p:.2f}: {row}; giới hạn {amdahl_limit(p):.0f}×")

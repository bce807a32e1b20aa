"""Plots for the lesson pages and for students: task timelines and speed-up against workers.

Figures are built with matplotlib's object API on the non-interactive Agg canvas: no pyplot, no
GUI, no global state, so it works the same on a headless server, in CI and in notebooks.
Each figure carries `machine_label()` (date, CPU, usable cores, Python; from
tangtoc.environment, re-exported here for notebooks) in a footnote. In a notebook, show a
figure with `display(fig)` after `%matplotlib inline`, or save it with `fig.savefig("x.png")`.
"""

from collections.abc import Iterable, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tangtoc.environment import machine_label
from tangtoc.timeline import TaskSpan

__all__ = ["amdahl_speedup", "fit_parallel_fraction", "machine_label", "speedup_figure",
           "timeline_figure"]


def amdahl_speedup(workers: float, parallel_fraction: float) -> float:
    """Amdahl's law: speed-up on `workers` cores when a fraction p of the work is parallel."""
    return 1.0 / ((1.0 - parallel_fraction) + parallel_fraction / workers)


def fit_parallel_fraction(workers: Sequence[float], speedups: Sequence[float]) -> float:
    """The parallel fraction p whose Amdahl curve best fits the measurements (least squares).

    Amdahl's law is linear in p: 1 - 1/S = p · (1 - 1/n). Points with n = 1 carry no
    information and are ignored; the result is clamped to [0, 1].
    """
    pairs = [(1 - 1 / n, 1 - 1 / s) for n, s in zip(workers, speedups, strict=True) if n > 1]
    denominator = sum(x * x for x, _ in pairs)
    if not denominator:
        return 1.0
    return min(1.0, max(0.0, sum(x * y for x, y in pairs) / denominator))


def _new_figure(width: float = 7.0, height: float = 4.0, note: str | None = None) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)  # attach the Agg canvas: savefig and PNG output need no backend
    note = machine_label() if note is None else note
    if note:
        figure.supxlabel(note, fontsize=8, color="0.35")
    return figure


def speedup_figure(workers: Sequence[float], speedups: Sequence[float],
                   parallel_fraction: float | None = None, title: str = "", *,
                   cores: int | None = None, note: str | None = None,
                   xlabel: str = "Số tiến trình (worker)") -> Figure:
    """Measured speed-up against workers, with the ideal line and the Amdahl curve.

    Without `parallel_fraction`, the Amdahl curve uses the fraction fitted to the measurements;
    given `cores` (usable cores), only points with workers <= cores enter the fit, since
    Amdahl's law assumes one core per worker, and a vertical line marks the core count.
    `note` replaces the machine label under the figure ("" for none).
    """
    if len(workers) != len(speedups) or not workers:
        raise ValueError("workers và speedups phải khác rỗng và dài bằng nhau")
    fitted = parallel_fraction is None
    if fitted:
        fit = [(n, s) for n, s in zip(workers, speedups, strict=True) if not cores or n <= cores]
        p = fit_parallel_fraction(*zip(*fit, strict=True)) if fit else 1.0
    else:
        p = parallel_fraction
    figure = _new_figure(note=note)
    axes = figure.add_subplot()
    top = max(workers)
    grid = [1 + (top - 1) * i / 100 for i in range(101)]
    axes.plot([1, top], [1, top], "--", color="0.5", label="Lý tưởng (tăng tốc = số lõi)")
    kind = "ước lượng từ số đo" if fitted else "cho trước"
    axes.plot(grid, [amdahl_speedup(n, p) for n in grid], color="tab:orange",
              label=f"Amdahl, phần song song p = {p:.2f} ({kind})")
    axes.plot(workers, speedups, "o-", color="tab:blue", label="Đo được")
    if cores:
        axes.axvline(cores, linestyle=":", color="tab:red", label=f"Số lõi dùng được ({cores})")
    axes.set_xlabel(xlabel)
    axes.set_ylabel("Tăng tốc (lần)")
    axes.set_xticks(sorted(set(workers)))
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    axes.legend(loc="upper left")
    if title:
        axes.set_title(title)
    return figure


def timeline_figure(spans: Iterable[TaskSpan], title: str = "", *,
                    note: str | None = None) -> Figure:
    """One row per worker, one bar per task from its start to its end (seconds from the first).

    `note` replaces the machine label under the figure ("" for none).
    """
    spans = list(spans)
    if not spans:
        raise ValueError("không có việc nào để vẽ")
    origin = min(span.start for span in spans)
    workers = sorted({span.worker for span in spans})
    figure = _new_figure(height=1.2 + 0.5 * len(workers), note=note)
    axes = figure.add_subplot()
    colors = [f"C{i % 10}" for i in range(len(workers))]
    for row, worker in enumerate(workers):
        bars = [(span.start - origin, span.duration) for span in spans if span.worker == worker]
        axes.broken_barh(bars, (row - 0.4, 0.8), facecolors=colors[row], edgecolor="white")
    axes.set_yticks(range(len(workers)), workers)
    axes.set_ylim(-0.6, len(workers) - 0.4)
    axes.invert_yaxis()
    axes.set_xlabel("Thời gian (s) từ lúc việc đầu tiên bắt đầu")
    axes.grid(axis="x", alpha=0.3)
    if title:
        axes.set_title(title)
    return figure

"""The plot helpers: Amdahl's law, the fitted fraction, real figures rendered to PNG."""

import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import get_context

import pytest

from tangtoc import environment, plots
from tangtoc.timeline import TaskSpan, current_worker, traced

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("workers", "fraction", "expected"), [
    (1, 0.9, 1.0),
    (2, 0.5, 4 / 3),
    (4, 0.9, 1 / 0.325),  # 3.077
    (8, 0.95, 1 / 0.16875),  # 5.926
    (1e12, 0.95, 20.0),  # the limit 1 / (1 - p)
    (16, 1.0, 16.0),
    (16, 0.0, 1.0),
])
def test_amdahl_speedup_known_values(workers, fraction, expected):
    assert plots.amdahl_speedup(workers, fraction) == pytest.approx(expected, rel=1e-6)


def test_fit_recovers_the_fraction_of_exact_amdahl_points():
    workers = [1, 2, 3, 4, 8]
    speedups = [plots.amdahl_speedup(n, 0.8) for n in workers]
    assert plots.fit_parallel_fraction(workers, speedups) == pytest.approx(0.8)


def test_fit_is_clamped_and_survives_one_worker_only():
    assert plots.fit_parallel_fraction([2, 4], [0.5, 0.4]) == 0.0  # slower than sequential
    assert plots.fit_parallel_fraction([2], [2.5]) == 1.0  # super-linear
    assert plots.fit_parallel_fraction([1], [1.0]) == 1.0


def test_machine_label_names_date_cores_and_python():
    label = plots.machine_label()
    assert time.strftime("%d/%m/%Y") in label
    assert "lõi dùng được" in label and environment.python_label() in label


def render(figure, path) -> bytes:
    figure.savefig(path, dpi=60)
    return path.read_bytes()


def test_speedup_figure_renders_to_png_with_ideal_and_amdahl(tmp_path):
    figure = plots.speedup_figure([1, 2, 4], [0.98, 1.8, 1.75], title="Thử")
    axes = figure.axes[0]
    labels = [line.get_label() for line in axes.get_lines()]
    assert labels[0].startswith("Lý tưởng") and "Amdahl" in labels[1] and labels[2] == "Đo được"
    assert "ước lượng" in labels[1]
    assert render(figure, tmp_path / "speedup.png").startswith(PNG_MAGIC)
    assert [text.get_text() for text in figure.texts] == [plots.machine_label()]


def test_speedup_figure_uses_a_given_fraction_and_optional_note():
    figure = plots.speedup_figure([1, 2], [1.0, 1.9], parallel_fraction=0.9, note="",
                                  xlabel="Số luồng (thread)")
    assert "p = 0.90 (cho trước)" in figure.axes[0].get_lines()[1].get_label()
    assert figure.axes[0].get_xlabel() == "Số luồng (thread)"
    assert figure.texts == []
    with pytest.raises(ValueError):
        plots.speedup_figure([1, 2], [1.0])


def test_speedup_fit_ignores_workers_beyond_the_cores():
    figure = plots.speedup_figure([1, 2, 4], [1.0, 1.8, 1.6], cores=2, note="")
    lines = figure.axes[0].get_lines()
    expected = plots.fit_parallel_fraction([1, 2], [1.0, 1.8])
    assert f"p = {expected:.2f}" in lines[1].get_label()
    assert lines[3].get_label() == "Số lõi dùng được (2)"


def square(x: int) -> int:
    return x * x


def test_traced_names_the_thread_and_times_the_call():
    with ThreadPoolExecutor(2, thread_name_prefix="luong") as pool:
        results = list(pool.map(traced, [square] * 4, range(4)))
    assert [value for value, _ in results] == [0, 1, 4, 9]
    for _, span in results:
        assert span.worker.startswith("luong") and span.label == "square"
        assert 0 <= span.duration < 1
    assert current_worker().startswith("pid ")


def test_spans_from_real_processes_share_one_clock(tmp_path):
    before = time.perf_counter()
    with get_context("spawn").Pool(2) as pool:
        results = pool.starmap(traced, [(time.sleep, 0.2)] * 4)
    after = time.perf_counter()
    spans = [span for _, span in results]
    assert all(before < span.start < span.end < after for span in spans)
    assert all(span.worker.startswith("pid ") for span in spans)
    figure = plots.timeline_figure(spans, "Bốn tác vụ trên hai tiến trình")
    workers = {span.worker for span in spans}
    assert [tick.get_text() for tick in figure.axes[0].get_yticklabels()] == sorted(workers)
    assert render(figure, tmp_path / "timeline.png").startswith(PNG_MAGIC)


def test_timeline_needs_spans():
    with pytest.raises(ValueError):
        plots.timeline_figure([])
    assert TaskSpan("a", 1.0, 3.5).duration == 2.5

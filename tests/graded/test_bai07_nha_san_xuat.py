"""Graded tests of bai07_nha_san_xuat: producer/consumer processes over a bounded Queue.

Everything is judged from what run_producer_consumer returns: every item exactly once with the
sequential result, clean exits (exit code 0 after join), several consumer processes, and a
bounded number of items in flight, computed from the creation and start times that the given
helpers stamp (perf_counter is the same monotonic clock in every process on Linux). One test
has enough results to fill the pipe behind the results queue, so that join()ing the consumers
before taking their results out deadlocks there as it would in real use."""

from collections import Counter

import pytest

from tangtoc import reference

EXERCISE = "bai07_nha_san_xuat"
CALL_TIMEOUT = 20.0
HANG_HINT = (
    "Nguyên nhân thường gặp: thiếu tín hiệu dừng (cần đúng một STOP cho MỖI tiến trình tiêu thụ, "
    "gửi sau việc cuối cùng), tiến trình tiêu thụ không thoát vòng lặp khi gặp STOP, hoặc join() "
    "một tiến trình trước khi lấy hết kết quả của nó khỏi hàng đợi."
)

# Each result is about 60 bytes pickled: 3 000 of them are nearly three times what the pipe behind a
# multiprocessing.Queue holds (64 KiB on Linux), while the other tests' ≤ 200 never fill it.
MANY_ITEMS = 3_000
DEADLOCK_HINT = (
    f"Với 200 việc bài chạy xong, nhưng với {MANY_ITEMS} việc thì bị treo: các kết quả vượt "
    "sức chứa của ống (pipe) nằm sau hàng đợi results (64 KiB trên Linux). Một tiến trình đã "
    "put() vào Queue chỉ kết thúc được khi dữ liệu của nó đã được lấy ra khỏi ống, nên join() "
    "các tiến trình tiêu thụ trước khi get() đủ n_items kết quả sẽ chờ nhau mãi (deadlock). Hãy "
    "lấy hết kết quả rồi mới join()."
)


def run(exercise, n_items, seed, consumers, maxsize, hang_hint=HANG_HINT):
    """Call the submission; on a hang the failure says where to look."""
    outcome = exercise.configured(CALL_TIMEOUT, hang_hint).run_producer_consumer(
        n_items, seed, consumers, maxsize)
    assert isinstance(outcome, tuple) and len(outcome) == 2, (
        "run_producer_consumer phải trả về một cặp (các kết quả, các mã thoát)."
    )
    records, exitcodes = outcome
    assert isinstance(records, list) and all(
        isinstance(r, tuple) and len(r) == 5 for r in records
    ), "Các kết quả phải là danh sách các bộ (tuple) do process_item trả về, không đổi gì."
    return records, exitcodes


def check_exactly_once(records, n_items, seed):
    counts = Counter(record[0] for record in records)
    missing = sorted(set(range(n_items)) - set(counts))
    repeated = sorted(index for index, count in counts.items() if count > 1)
    assert not missing, f"Thiếu kết quả của {len(missing)} việc, ví dụ việc số {missing[:3]}."
    assert not repeated, f"Có việc bị xử lý nhiều lần, ví dụ việc số {repeated[:3]}."
    assert len(records) == n_items, f"Cần đúng {n_items} kết quả, nhận {len(records)}."
    wanted = reference.load(EXERCISE).process_sequential(n_items, seed)
    assert {record[0]: record[1] for record in records} == wanted, (
        "Kết quả khác với bản tuần tự: mỗi việc phải được xử lý bằng process_item(make_item(i, "
        "seed)), không đổi dữ liệu."
    )


def check_clean_exits(exitcodes, consumers):
    assert isinstance(exitcodes, list) and len(exitcodes) == consumers + 1, (
        f"Cần {consumers + 1} mã thoát: tiến trình sản xuất rồi {consumers} tiến trình tiêu thụ."
    )
    assert None not in exitcodes, (
        f"Mã thoát {exitcodes}: có tiến trình con chưa kết thúc (None). Hãy join() mọi tiến "
        "trình con, sau khi đã lấy hết kết quả."
    )
    assert all(code == 0 for code in exitcodes), (
        f"Mã thoát {exitcodes}: mọi tiến trình con phải tự kết thúc bình thường (mã 0), không "
        "bị terminate() hay ném lỗi. Tiến trình tiêu thụ dừng khi gặp STOP."
    )


def max_in_flight(records) -> int:
    """Most items that existed at once: created by make_item, not yet started by a consumer."""
    events = sorted([(r[3], 1) for r in records] + [(r[4], -1) for r in records])
    alive = peak = 0
    for _, change in events:
        alive += change
        peak = max(peak, alive)
    return peak


def test_every_item_exactly_once(exercise, each_start_method):
    records, exitcodes = run(exercise, 120, 2024, 2, 4)
    check_exactly_once(records, 120, 2024)
    check_clean_exits(exitcodes, 2)


@pytest.mark.parametrize("consumers", [1, 3])
def test_other_numbers_of_consumers(exercise, consumers):
    records, exitcodes = run(exercise, 60, consumers, consumers, 3)
    check_exactly_once(records, 60, consumers)
    check_clean_exits(exitcodes, consumers)


def test_several_consumers_really_share_the_work(exercise):
    records, _ = run(exercise, 150, 11, 3, 4)
    workers = {record[2] for record in records}
    assert len(workers) >= 2, (
        "Mọi việc đều do một tiến trình xử lý: các tiến trình tiêu thụ phải cùng lấy việc từ "
        "một hàng đợi chung, mỗi tiến trình chạy consumer."
    )


def test_many_results_are_taken_out_before_join(exercise):
    records, exitcodes = run(exercise, 200, 8, 2, 8)  # a hang here is not about the pipe
    check_exactly_once(records, 200, 8)
    records, exitcodes = run(exercise, MANY_ITEMS, 8, 2, 8, DEADLOCK_HINT)
    check_exactly_once(records, MANY_ITEMS, 8)
    check_clean_exits(exitcodes, 2)


def test_no_items_still_stops_every_consumer(exercise):
    records, exitcodes = run(exercise, 0, 5, 3, 2)
    assert records == [], "Không có việc nào thì không có kết quả nào."
    check_clean_exits(exitcodes, 3)


@pytest.mark.parametrize("maxsize", [1, 4])
def test_bounded_queue_keeps_few_items_in_flight(exercise, maxsize):
    consumers = 2
    records, _ = run(exercise, 200, 99, consumers, maxsize)
    check_exactly_once(records, 200, 99)
    # At most maxsize items in the queue, one created and waiting in put(), and one per
    # consumer taken out but not yet started; one more for clock ties.
    allowed = maxsize + consumers + 2
    peak = max_in_flight(records)
    assert peak <= allowed, (
        f"Có lúc {peak} việc đã được tạo mà chưa được xử lý (cho phép tối đa {allowed} với "
        f"maxsize={maxsize}): hàng đợi không chặn nhà sản xuất. Hãy tạo Queue(maxsize=maxsize) "
        "và tạo từng việc ngay trước khi put(), đừng tạo hết trước."
    )

"""Graded tests of bai07_ong_dan: a request/response worker process over a two-way Pipe."""

import random

import pytest

from tangtoc import reference

EXERCISE = "bai07_ong_dan"
CALL_TIMEOUT = 20.0
OPERATIONS = ("tổng", "lớn nhất", "trung bình")
HANG_HINT = (
    "Nguyên nhân thường gặp: tiến trình con không nhận ra tin STOP nên không gửi lời tạm biệt và "
    "không thoát; một bên gọi recv() trong khi bên kia không gửi gì; hoặc join() tiến trình con "
    "trước khi nó kết thúc."
)


def requests(seed: int, count: int) -> list:
    rng = random.Random(seed)
    return [(rng.choice(OPERATIONS), [rng.randint(-99, 99) for _ in range(rng.randint(1, 8))])
            for _ in range(count)]


def ask_all(exercise, questions):
    """Call the submission; on a hang the failure says where to look. The call's figures end
    up in exercise.last_result."""
    configured = exercise.configured(CALL_TIMEOUT, HANG_HINT)
    try:
        outcome = configured.ask_all(questions)
    finally:
        exercise.last_result = configured.last_result
    assert isinstance(outcome, tuple) and len(outcome) == 3, (
        "ask_all phải trả về bộ ba (các câu trả lời, lời tạm biệt, mã thoát)."
    )
    return outcome


def check_replies(replies, questions):
    module = reference.load(EXERCISE)
    wanted = [module.reply_to(question) for question in questions]
    assert isinstance(replies, list) and len(replies) == len(wanted), (
        f"Cần đúng {len(wanted)} câu trả lời (mỗi yêu cầu một câu), nhận "
        f"{len(replies) if isinstance(replies, list) else type(replies).__name__}."
    )
    for number, (got, want) in enumerate(zip(replies, wanted, strict=True), start=1):
        assert got == want, (
            f"Câu trả lời thứ {number} là {got!r}, cần {want!r} (trả lời cho yêu cầu "
            f"{questions[number - 1]!r}). Câu trả lời phải đi đúng thứ tự yêu cầu."
        )


def check_clean_end(goodbye, exitcode, handled):
    module = reference.load(EXERCISE)
    assert goodbye == module.farewell(handled), (
        f"Lời tạm biệt là {goodbye!r}, cần {module.farewell(handled)!r}: khi nhận STOP, tiến "
        "trình con gửi farewell(số yêu cầu đã trả lời) rồi mới thoát."
    )
    assert exitcode is not None, (
        "Mã thoát là None: tiến trình con chưa kết thúc. Hãy join() nó sau khi nhận lời tạm biệt."
    )
    assert exitcode == 0, (
        f"Mã thoát {exitcode}: tiến trình con phải tự thoát bình thường sau STOP (mã 0), không "
        "bị terminate() hay ném lỗi."
    )


def test_replies_in_order_and_clean_shutdown(exercise, each_start_method):
    questions = requests(7, 40)
    replies, goodbye, exitcode = ask_all(exercise, questions)
    check_replies(replies, questions)
    check_clean_end(goodbye, exitcode, len(questions))


def test_a_bad_request_does_not_kill_the_worker(exercise):
    questions = [("tổng", [1, 2]), ("nhân", [3, 4]), ("trung bình", []), ("lớn nhất", []),
                 ("lớn nhất", [5, -1, 8])]
    replies, goodbye, exitcode = ask_all(exercise, questions)
    check_replies(replies, questions)
    check_clean_end(goodbye, exitcode, len(questions))


def test_no_request_only_the_farewell(exercise):
    replies, goodbye, exitcode = ask_all(exercise, [])
    assert replies == [], "Không có yêu cầu nào thì không có câu trả lời nào."
    check_clean_end(goodbye, exitcode, 0)


def test_many_requests(exercise):
    questions = requests(2024, 500)
    replies, goodbye, exitcode = ask_all(exercise, questions)
    check_replies(replies, questions)
    check_clean_end(goodbye, exitcode, len(questions))


def test_each_request_crosses_the_pipe_on_its_own(exercise):
    """The method: one message per request through the Pipe, answered by the child. The
    judge counts the write() calls of the call (every process of it, the child's included):
    fewer writes than requests means they never crossed one by one."""
    questions = requests(99, 300)
    replies, goodbye, exitcode = ask_all(exercise, questions)
    check_replies(replies, questions)
    check_clean_end(goodbye, exitcode, len(questions))
    writes = exercise.last_result.write_calls
    if writes is None:
        pytest.skip("Hệ điều hành này không cho biết số lần ghi của một tiến trình (cần /proc "
                    "của Linux): không kiểm tra được các yêu cầu đi đường nào.")
    assert writes >= len(questions), (
        f"Cả lần chạy chỉ có {writes} lần ghi vào ống (pipe) cho {len(questions)} yêu cầu: "
        "các yêu cầu không đi qua Pipe từng cái một. Có lẽ tiến trình chính tự tính câu trả "
        "lời, hoặc đưa cả danh sách yêu cầu cho tiến trình con một lần (qua args) rồi nhận lại "
        "cả danh sách. Bài này luyện hỏi và đáp: tiến trình chính gửi từng yêu cầu bằng "
        "conn.send(), tiến trình con trả lời từng cái bằng conn.send() trên đầu kia của Pipe."
    )

"""Bài 07 – Hỏi và đáp qua Pipe hai chiều (bài làm của bạn).

Đề bài: một tiến trình con (process) làm «máy tính phục vụ»: nhận yêu cầu qua một đầu của
`multiprocessing.Pipe`, trả lời qua chính đầu đó, cho đến khi nhận được tin `STOP`; khi đó nó
gửi lời chào tạm biệt (`farewell(số yêu cầu đã trả lời)`) rồi kết thúc. Tiến trình chính gửi
lần lượt từng yêu cầu và nhận câu trả lời của nó.

- `serve(conn)`: vòng lặp của tiến trình con; trả lời mỗi yêu cầu bằng `reply_to(request)`.
- `ask_all(requests)`: tạo Pipe và tiến trình con chạy `serve`, gửi từng yêu cầu, nhận câu trả
  lời, rồi gửi `STOP`, nhận lời tạm biệt và `join()` tiến trình con.
- Đầu ra của `ask_all`: `(replies, goodbye, exitcode)`: các câu trả lời theo đúng thứ tự yêu
  cầu, lời tạm biệt của tiến trình con, và mã thoát của nó (lấy sau `join()`).
- Ràng buộc: một yêu cầu sai không được làm chết tiến trình con (`reply_to` đã biến lỗi thành
  câu trả lời `("lỗi", ...)`); tiến trình con phải tự kết thúc (mã thoát 0); không được treo
  (bộ chấm dừng bài sau 20 giây). Chạy đúng dưới fork, spawn, forkserver.
- Bài giảng: docs/bai07-queue-pipe.md («Queue và Pipe»).
"""

from multiprocessing import Pipe, Process  # noqa: F401  (bạn sẽ cần cả hai)
from multiprocessing.connection import Connection

# --8<-- [start:given]
STOP = "STOP"  # tin báo dừng
REPLY_TIMEOUT = 10.0  # số giây chờ một câu trả lời trước khi bỏ cuộc


def answer(request: tuple[str, list[float]]) -> float:
    """Tính một yêu cầu ("tổng" | "lớn nhất" | "trung bình", các số) (đã cho sẵn)."""
    operation, numbers = request
    if operation == "tổng":
        return sum(numbers)
    if operation == "lớn nhất":
        return max(numbers)  # ValueError nếu danh sách rỗng
    if operation == "trung bình":
        return sum(numbers) / len(numbers)  # ZeroDivisionError nếu danh sách rỗng
    raise ValueError(f"không hiểu phép tính «{operation}»")


def reply_to(request) -> tuple[str, object]:
    """Câu trả lời cho một yêu cầu: ("ok", kết quả) hoặc ("lỗi", mô tả lỗi) (đã cho sẵn).

    Lỗi thành câu trả lời chứ không làm chết tiến trình phục vụ."""
    try:
        return "ok", answer(request)
    except Exception as error:
        return "lỗi", f"{type(error).__name__}: {error}"


def farewell(handled: int) -> tuple[str, int]:
    """Lời tạm biệt tiến trình con gửi khi nhận STOP (đã cho sẵn)."""
    return "tạm biệt", handled
# --8<-- [end:given]


# --8<-- [start:task]
def serve(conn: Connection) -> None:
    """Trả lời từng yêu cầu nhận qua `conn` cho đến khi nhận `STOP`, rồi gửi lời tạm biệt."""
    # TODO: lặp conn.recv(); gặp STOP thì gửi farewell(số yêu cầu đã trả lời) và thoát vòng lặp;
    # còn lại thì conn.send(reply_to(request)).
    raise NotImplementedError(
        "Chưa làm: hãy viết serve (xem gợi ý: tangtoc hint bai07_ong_dan)."
    )


def ask_all(requests: list) -> tuple[list, tuple, int | None]:
    """Gửi từng yêu cầu cho một tiến trình `serve`; trả về (câu trả lời, lời tạm biệt, mã thoát)."""
    # TODO: Pipe() cho hai đầu nối; Process(target=serve, args=(một đầu,)); gửi từng yêu cầu và
    # nhận câu trả lời của nó; gửi STOP, nhận lời tạm biệt; join(); trả về cả ba.
    raise NotImplementedError(
        "Chưa làm: hãy viết ask_all với multiprocessing.Pipe và Process "
        "(xem gợi ý: tangtoc hint bai07_ong_dan)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    questions = [("tổng", [1, 2, 3]), ("lớn nhất", [4, 9, 2]), ("trung bình", []),
                 ("nhân", [2, 3]), ("trung bình", [1, 2])]
    replies, goodbye, exitcode = ask_all(questions)
    for question, reply in zip(questions, replies, strict=True):
        print(f"{question} → {reply}")
    print(goodbye, "mã thoát", exitcode)
# --8<-- [end:main]

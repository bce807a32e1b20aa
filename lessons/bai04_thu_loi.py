"""Bài 04 – ProcessPoolExecutor và as_completed: không mất kết quả hay lỗi nào (bài làm của bạn).

Đề bài: đọc các dòng số liệu của trạm đo dạng «mã_trạm;giá_trị;hệ_số» trên nhiều tiến trình
(process) bằng `concurrent.futures.ProcessPoolExecutor`. Một số dòng hỏng: `parse_measurement`
ném ngoại lệ (ValueError, LookupError, ZeroDivisionError) cho chúng.

- Đầu vào: `lines`, danh sách chuỗi; `workers`, số tiến trình.
- Đầu ra: cặp `(results, errors)`: `results` là `dict` {số thứ tự dòng: giá trị đã đọc} của mọi
  dòng tốt; `errors` là danh sách `error_summary(số thứ tự, dòng, ngoại lệ)` của mọi dòng hỏng,
  sắp theo số thứ tự dòng. Phải bằng `parse_all_sequential(lines)`: không mất dòng nào.
- Ràng buộc: dùng `submit` và `as_completed`; một dòng hỏng không được làm dừng cả chương trình.
  Danh sách rỗng cho `({}, [])`.
- Bài giảng: docs/bai04-executor.md («ProcessPoolExecutor»).
"""

from concurrent.futures import ProcessPoolExecutor, as_completed  # noqa: F401  (bạn sẽ cần)

# --8<-- [start:given]
STATIONS = {"HN": "Hà Nội", "HUE": "Huế", "DN": "Đà Nẵng", "SG": "Sài Gòn", "CT": "Cần Thơ"}


def parse_measurement(line: str) -> float:
    """Đọc một dòng «mã_trạm;giá_trị;hệ_số» và trả về giá_trị / hệ_số, làm tròn (đã cho sẵn)."""
    fields = line.split(";")
    if len(fields) != 3:
        raise ValueError(f"cần 3 trường, có {len(fields)}")
    station, value, factor = fields
    if station not in STATIONS:
        raise LookupError(f"không có trạm «{station}»")
    try:
        value_number, factor_number = float(value), float(factor)
    except ValueError:
        raise ValueError(f"«{value}» hoặc «{factor}» không phải là số") from None
    if factor_number == 0:
        raise ZeroDivisionError("hệ số bằng 0")
    total = 0.0
    for step in range(2_000):  # mỗi dòng một chút việc thật
        total += (value_number + step % 7) / factor_number
    return round(total / 2_000, 6)


def error_summary(index: int, line: str, error: BaseException) -> str:
    """Một dòng tóm tắt lỗi bằng tiếng Việt (đã cho sẵn)."""
    return f"Dòng {index}: «{line}» lỗi {type(error).__name__}: {error}"


def parse_all_sequential(lines: list[str]) -> tuple[dict[int, float], list[str]]:
    """Bản tuần tự (đã cho sẵn): đọc lần lượt, gom kết quả và lỗi."""
    results: dict[int, float] = {}
    errors: list[str] = []
    for index, line in enumerate(lines):
        try:
            results[index] = parse_measurement(line)
        except Exception as error:
            errors.append(error_summary(index, line, error))
    return results, errors
# --8<-- [end:given]


# --8<-- [start:task]
def parse_all(lines: list[str], workers: int = 2) -> tuple[dict[int, float], list[str]]:
    """Đọc mọi dòng bằng ProcessPoolExecutor + as_completed, gom đủ kết quả và lỗi."""
    # TODO: with ProcessPoolExecutor(max_workers=workers) as executor: submit từng dòng, nhớ
    # future nào ứng với dòng nào, rồi duyệt as_completed(...); future.result() ném lại lỗi
    # của tiến trình con: bắt nó và ghi error_summary(...). Sắp lỗi theo số thứ tự dòng.
    raise NotImplementedError(
        "Chưa làm: hãy viết parse_all bằng ProcessPoolExecutor và as_completed "
        "(xem gợi ý: tangtoc hint bai04_thu_loi)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    sample = ["HN;31.5;1", "HUE;abc;2", "DN;20;0", "XX;1;1", "SG;12;4", "CT;7"]
    good, bad = parse_all(sample, workers=2)
    print(good)
    print("\n".join(bad))
    print(f"Đúng kết quả: {(good, bad) == parse_all_sequential(sample)}")
# --8<-- [end:main]

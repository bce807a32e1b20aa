"""Bài 08 – Sửa lỗi: lambda và hàm lồng không pickle được (lời giải tham khảo).

Chương trình tính giá sau thuế VAT của một danh sách giá (đồng) bằng `ProcessPoolExecutor`.
Nó hỏng ngay với một lỗi pickle, vì tiến trình con chỉ nhận được *tên* của hàm qua pickle, mà
lambda trong `main` thì không có tên nào tìm lại được. Trên Python 3.11 lỗi đó là
`AttributeError: Can't pickle local object 'main.<locals>.<lambda>'`; câu chữ đổi theo phiên
bản (3.13 viết «Can't get local object», 3.14 báo `PicklingError`): bảng đủ các phiên bản ở
mục 2 của bài 8.

- Việc của bạn: sửa để chương trình chạy đúng dưới mọi phương thức khởi động, in đúng những
  dòng như bản tuần tự (đổi `executor.map(...)` thành `map(...)` để xem kết quả mong đợi).
  Giữ việc tính trong các tiến trình con; thuế suất `vat` vẫn là tham số.
- Cách chấm: bộ chấm chạy cả tệp bằng `python lessons/bai08_lambda.py` dưới `spawn`, có giới
  hạn thời gian; chương trình phải kết thúc với mã 0 và in đúng kết quả.
- Bài giảng: docs/bai08-sai-lam.md («Sai lầm thường gặp»).
"""

from concurrent.futures import ProcessPoolExecutor
from functools import partial

PRICES = [12_000, 45_500, 99_000, 150_000, 7_250, 1_000_000, 64_990, 3_500]


def with_vat(price: int, vat: int) -> int:
    """Top level, so a child process can find it by name; partial carries the fixed vat."""
    return price * (100 + vat) // 100


def main(vat: int = 10) -> None:
    with ProcessPoolExecutor(max_workers=2) as executor:
        totals = list(executor.map(partial(with_vat, vat=vat), PRICES))
    for price, total in zip(PRICES, totals, strict=True):
        print(f"{price:>9} đ → {total:>9} đ (VAT {vat}%)")
    print(f"Tổng cộng: {sum(totals)} đ")


if __name__ == "__main__":
    main()

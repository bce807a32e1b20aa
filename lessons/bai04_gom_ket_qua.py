"""Bài 04 – starmap và apply_async với callback gom kết quả (bài làm của bạn).

Đề bài: tính phí giao hàng của nhiều đơn bằng một Pool, theo hai cách.

- `costs_starmap(orders, workers)`: `orders` là danh sách cặp `(cân nặng kg, quãng đường km)`;
  trả về `list` phí của từng đơn, theo đúng thứ tự, bằng `costs_sequential(orders)`. Dùng
  `Pool.starmap`.
- `totals_by_region(items, workers)`: `items` là danh sách bộ ba `(vùng, cân nặng, quãng đường)`;
  trả về cặp `(totals, errors)`: `totals` là `dict` {vùng: tổng phí các đơn hợp lệ}, `errors` là
  danh sách thông báo lỗi (`str` của ngoại lệ) của các đơn không hợp lệ, đã sắp xếp; bằng
  `totals_sequential(items)`. Dùng `Pool.apply_async` với `callback` và `error_callback` để gom
  kết quả ngay ở tiến trình chính.
- Ràng buộc: đầu vào rỗng cho `[]` và `({}, [])`; một vùng chỉ có đơn lỗi thì không có mặt trong
  `totals`.
- Bài giảng: docs/bai04-pool-nang-cao.md («Pool chuyên sâu», phần starmap và apply_async).
"""

from functools import partial  # noqa: F401  (có thể có ích cho callback)
from multiprocessing import Pool  # noqa: F401  (bạn sẽ cần đến Pool)

# --8<-- [start:given]
BASE_FEE = 15_000  # đồng


def shipping_cost(weight_kg: float, distance_km: int) -> int:
    """Phí giao một đơn, đồng (đã cho sẵn); cân nặng hay quãng đường không hợp lệ gây ValueError."""
    if weight_kg <= 0:
        raise ValueError(f"cân nặng không hợp lệ: {weight_kg} kg")
    if distance_km < 0:
        raise ValueError(f"quãng đường không hợp lệ: {distance_km} km")
    fee = BASE_FEE
    for km in range(distance_km):  # càng xa, mỗi km thêm càng rẻ
        fee += 5_000 * weight_kg / (1 + km / 50)
    return int(round(fee, -2))


def costs_sequential(orders: list[tuple[float, int]]) -> list[int]:
    """Bản tuần tự của costs_starmap (đã cho sẵn)."""
    return [shipping_cost(weight, distance) for weight, distance in orders]


def totals_sequential(items: list[tuple[str, float, int]]) -> tuple[dict[str, int], list[str]]:
    """Bản tuần tự của totals_by_region (đã cho sẵn)."""
    totals: dict[str, int] = {}
    errors: list[str] = []
    for region, weight, distance in items:
        try:
            cost = shipping_cost(weight, distance)
        except ValueError as error:
            errors.append(str(error))
        else:
            totals[region] = totals.get(region, 0) + cost
    return totals, sorted(errors)


def add_cost(totals: dict[str, int], region: str, cost: int) -> None:
    """Cộng phí của một đơn vào tổng của vùng (đã cho sẵn; hợp làm callback với partial)."""
    totals[region] = totals.get(region, 0) + cost
# --8<-- [end:given]


# --8<-- [start:task]
def costs_starmap(orders: list[tuple[float, int]], workers: int = 2) -> list[int]:
    """Phí của từng đơn, theo thứ tự, tính bằng Pool.starmap."""
    # TODO: with Pool(workers) as pool: return pool.starmap(...)
    raise NotImplementedError(
        "Chưa làm: hãy viết costs_starmap bằng Pool.starmap (xem gợi ý: tangtoc hint "
        "bai04_gom_ket_qua)."
    )


def totals_by_region(items: list[tuple[str, float, int]],
                     workers: int = 2) -> tuple[dict[str, int], list[str]]:
    """Tổng phí theo vùng và các lỗi đã sắp xếp, gom bằng callback của apply_async."""
    # TODO: mỗi đơn một apply_async(shipping_cost, (weight, distance), callback=...,
    # error_callback=...); callback cộng phí vào totals[vùng], error_callback ghi lỗi;
    # pool.close() rồi pool.join() trước khi trả về (totals, sorted(errors)).
    raise NotImplementedError(
        "Chưa làm: hãy viết totals_by_region bằng apply_async với callback (xem gợi ý: "
        "tangtoc hint bai04_gom_ket_qua)."
    )
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    orders = [(1.5, 12), (0.4, 3), (7.0, 40)]
    print(costs_starmap(orders, workers=2), costs_sequential(orders))
    items = [("Bắc", 1.5, 12), ("Nam", 0.4, 3), ("Bắc", -1.0, 5), ("Trung", 7.0, 40)]
    print(totals_by_region(items, workers=2))
    print(totals_sequential(items))
# --8<-- [end:main]

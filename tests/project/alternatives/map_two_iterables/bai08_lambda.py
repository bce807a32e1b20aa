"""Correct alternative: a top-level function of two arguments, the rate repeated beside the
prices (executor.map takes several iterables, like map)."""

from concurrent.futures import ProcessPoolExecutor
from itertools import repeat

PRICES = [12_000, 45_500, 99_000, 150_000, 7_250, 1_000_000, 64_990, 3_500]


def with_vat(price: int, vat: int) -> int:
    return price * (100 + vat) // 100


def main(vat: int = 10) -> None:
    with ProcessPoolExecutor(max_workers=2) as executor:
        totals = list(executor.map(with_vat, PRICES, repeat(vat)))
    for price, total in zip(PRICES, totals, strict=True):
        print(f"{price:>9} đ → {total:>9} đ (VAT {vat}%)")
    print(f"Tổng cộng: {sum(totals)} đ")


if __name__ == "__main__":
    main()

"""Wrong method for the tests of the tests: executor.map replaced by map, as the statement
suggests only to see the expected lines: no pickling error any more, and no child process."""

PRICES = [12_000, 45_500, 99_000, 150_000, 7_250, 1_000_000, 64_990, 3_500]


def main(vat: int = 10) -> None:
    totals = list(map(lambda price: price * (100 + vat) // 100, PRICES))
    for price, total in zip(PRICES, totals, strict=True):
        print(f"{price:>9} đ → {total:>9} đ (VAT {vat}%)")
    print(f"Tổng cộng: {sum(totals)} đ")


if __name__ == "__main__":
    main()

"""Wrong method for the tests of the tests: the Pool removed instead of guarded: the same line
printed under every start method, computed in the main process alone."""

N = 100_000


def square(x: int) -> int:
    return x * x


def main() -> None:
    total = sum(map(square, range(N)))
    print(f"Tổng bình phương của 0…{N - 1}: {total}")


if __name__ == "__main__":
    main()

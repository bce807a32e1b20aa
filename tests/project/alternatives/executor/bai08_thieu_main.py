"""Correct alternative: a ProcessPoolExecutor in main(), called only under the main guard;
large chunks, since each square is tiny."""

from concurrent.futures import ProcessPoolExecutor

N = 100_000


def square(x: int) -> int:
    return x * x


def main() -> None:
    with ProcessPoolExecutor(max_workers=2) as executor:
        total = sum(executor.map(square, range(N), chunksize=N // 8))
    print(f"Tổng bình phương của 0…{N - 1}: {total}")


if __name__ == "__main__":
    main()

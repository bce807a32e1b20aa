"""Bài 04 – Đếm từ trong nhiều tệp với Pool (lời giải tham khảo).

Đề bài: cho danh sách đường dẫn tới các tệp văn bản tiếng Việt (UTF-8), đếm số lần xuất hiện
của mỗi từ trong *tất cả* các tệp, dùng nhiều tiến trình (process) với `multiprocessing.Pool`.

- Đầu vào: `paths`, danh sách đường dẫn (`str` hoặc `pathlib.Path`); `workers`, số tiến trình.
- Đầu ra: một `collections.Counter` {từ: số lần}, đúng bằng kết quả của `count_words_sequential`.
- Ràng buộc: danh sách rỗng cho `Counter()` rỗng; số tiến trình có thể lớn hơn số tệp; tệp không
  đọc được gây `ValueError` có tên tệp trong thông báo. Bài được chấm cả tốc độ: trên máy 2 lõi
  phải nhanh hơn bản tuần tự ít nhất 1,3 lần.
- Bài giảng: docs/bai04-pool.md («Pool: chia việc cho nhiều tiến trình»).
"""

from collections import Counter
from multiprocessing import Pool
from pathlib import Path

# --8<-- [start:given]
PUNCTUATION = ".,;:!?…\"'()[]«»-–—"


def count_words_in_file(path: str | Path) -> Counter:
    """Đếm từ trong một tệp: chữ thường, bỏ dấu câu ở hai đầu mỗi từ (đã cho sẵn)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"Không đọc được tệp «{path}»: {error}") from None
    words = (word.strip(PUNCTUATION) for word in text.lower().split())
    return Counter(word for word in words if word)


def count_words_sequential(paths: list[str | Path]) -> Counter:
    """Bản tuần tự (đã cho sẵn): đếm từng tệp một, cộng dồn kết quả."""
    total = Counter()
    for path in paths:
        total.update(count_words_in_file(path))
    return total
# --8<-- [end:given]


# --8<-- [start:task]
def count_words_parallel(paths: list[str | Path], workers: int = 2) -> Counter:
    """Đếm từ trong mọi tệp bằng `workers` tiến trình; kết quả bằng `count_words_sequential`."""
    total = Counter()
    if not paths:
        return total
    # A few files per task: few enough messages, still enough tasks to balance the workers.
    chunksize = max(1, len(paths) // (4 * workers))
    with Pool(processes=min(workers, len(paths))) as pool:
        try:
            for counts in pool.imap_unordered(count_words_in_file, paths, chunksize=chunksize):
                total.update(counts)
        finally:
            # An unreadable file raises above: let the workers finish before `with` calls
            # terminate(), which can hang killing a worker mid-reply (python/cpython#96995).
            pool.close()
            pool.join()
    return total
# --8<-- [end:task]


# --8<-- [start:main]
if __name__ == "__main__":
    # Điều kiện __main__ là bắt buộc: với spawn/forkserver, mỗi tiến trình con import lại tệp này.
    import tempfile
    import time

    from tangtoc.datasets import write_text_files

    with tempfile.TemporaryDirectory() as folder:
        files = write_text_files(Path(folder), n_files=80, words_per_file=20_000, seed=4)
        start = time.perf_counter()
        expected = count_words_sequential(files)
        sequential = time.perf_counter() - start
        start = time.perf_counter()
        counts = count_words_parallel(files, workers=2)
        parallel = time.perf_counter() - start
    print(f"Đúng kết quả: {counts == expected}; 5 từ nhiều nhất: {counts.most_common(5)}")
    print(f"Tuần tự {sequential:.2f} s, song song {parallel:.2f} s, "
          f"tăng tốc {sequential / parallel:.2f}×")
# --8<-- [end:main]

"""Deterministic synthetic data for the exercises (the judge's own, out of the student's reach)."""

import random
from pathlib import Path

# Common Vietnamese syllables, NFC, with a few proper nouns; roughly in order of frequency.
VIETNAMESE_SYLLABLES = """
và là của có không được người những một các cho này với đã trong khi để đến từ nhưng thì như
lại nên vì sẽ rất ra vào làm đi nói biết thấy muốn học sinh viên giáo trường lớp bài tập máy
tính lõi tiến trình luồng song song tốc độ dữ liệu bộ nhớ chia sẻ hàng đợi khóa chương hàm
biến giá trị kết quả thời gian công việc chạy chờ đọc ghi tệp mạng nhanh chậm hơn nhiều ít mỗi
cùng lúc trước sau đầu cuối giữa trên dưới ngày năm tháng giờ phút giây số lượng tổng đếm từ
câu đoạn văn bản tiếng nước sông núi biển trời mưa nắng gió mùa xuân hạ thu đông quê nhà phố
chợ cơm phở bánh cà phê trà sữa đường muối đỏ xanh vàng trắng đen tím hồng lớn nhỏ cao thấp
Việt Nam Hà Nội Huế Đà Nẵng Sài Gòn Cần Thơ Hải Phòng Nguyễn Trần Lê Phạm Hoàng
""".split()
PUNCTUATION_MARKS = (".", ".", ".", ",", ",", "!", "?", "…", ";", ":")


def vietnamese_text(n_words: int, rng: random.Random) -> str:
    """Sentences of Zipf-distributed syllables with capitals and punctuation."""
    weights = [1 / rank for rank in range(1, len(VIETNAMESE_SYLLABLES) + 1)]
    words = rng.choices(VIETNAMESE_SYLLABLES, weights, k=n_words)
    pieces = []
    for start in range(0, n_words, 12):
        sentence = words[start:start + 12]
        sentence[0] = sentence[0].capitalize()
        pieces.append(" ".join(sentence) + rng.choice(PUNCTUATION_MARKS))
    lines = [" ".join(pieces[i:i + 6]) for i in range(0, len(pieces), 6)]
    return "\n".join(lines) + "\n"


def write_text_files(folder: Path, n_files: int, words_per_file: int, seed: int) -> list[Path]:
    """Write n_files UTF-8 text files of Vietnamese words into folder; same seed, same files."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(n_files):
        path = folder / f"van_ban_{index:04d}.txt"
        path.write_text(vietnamese_text(words_per_file, rng), encoding="utf-8")
        paths.append(path)
    return paths


# Web server access logs (lesson 9): one request per line,
#   2026-11-25T08:15:42 203.0.113.17 GET /san-pham/1234 200 42ms 5120
# with Zipf-distributed URLs, realistic status codes and heavy-tailed latencies, plus a few
# malformed lines (truncated writes), as real logs have.
LOG_PAGES = ("/", "/san-pham", "/gio-hang", "/thanh-toan", "/tim-kiem", "/dang-nhap",
             "/api/don-hang", "/api/gia", "/tin-tuc", "/lien-he")
LOG_STATUSES = (200, 200, 200, 200, 200, 200, 200, 200, 304, 301, 404, 403, 500, 502, 503)
LOG_METHODS = ("GET", "GET", "GET", "GET", "POST")
LOG_BAD_LINE_RATE = 0.001


def log_line(url: str, rng: random.Random) -> str:
    """One access-log line for url, malformed (cut short) with probability LOG_BAD_LINE_RATE."""
    second = rng.randrange(86_400)
    latency = min(30_000, int(rng.lognormvariate(3.5, 1.0)) + 1)
    line = (f"2026-11-25T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d} "
            f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)} "
            f"{rng.choice(LOG_METHODS)} {url} {rng.choice(LOG_STATUSES)} {latency}ms "
            f"{rng.randrange(200, 60_000)}")
    if rng.random() < LOG_BAD_LINE_RATE:
        line = line[: rng.randrange(5, len(line) - 8)]  # a write cut short
    return line


def distinct_log_lines(n_lines: int, rng: random.Random, n_products: int = 2000) -> list[str]:
    """n_lines freshly generated access-log lines (without newlines), Zipf-distributed URLs."""
    urls = [*LOG_PAGES, *(f"/san-pham/{i}" for i in range(n_products))]
    weights = [1 / rank for rank in range(1, len(urls) + 1)]
    return [log_line(url, rng) for url in rng.choices(urls, weights, k=n_lines)]


def write_log_files(folder: Path, n_files: int, lines_per_file: int, seed: int,
                    n_distinct: int = 20_000) -> list[Path]:
    """Write n_files access logs of lines_per_file lines into folder; same seed, same files.
    Lines are drawn from n_distinct generated ones: fast to write, as much work to parse."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    distinct = distinct_log_lines(n_distinct, rng)
    paths = []
    for index in range(n_files):
        path = folder / f"access_{index:04d}.log"
        path.write_text("\n".join(rng.choices(distinct, k=lines_per_file)) + "\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def write_binary_files(folder: Path, n_files: int, mib_per_file: int, seed: int) -> list[Path]:
    """Write n_files files of mib_per_file MiB each: a seeded random MiB repeated, with a random
    header so that every file (and so its checksum) differs; same seed, same files."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    block = rng.randbytes(2**20)
    paths = []
    for index in range(n_files):
        path = folder / f"tep_{index:04d}.bin"
        with path.open("wb") as file:
            file.write(rng.randbytes(64))
            for _ in range(mib_per_file):
                file.write(block)
        paths.append(path)
    return paths

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

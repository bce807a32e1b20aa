"""Cheat for the tests of the tests: a faster *sequential* algorithm (must fail the speed check).

Counter over the raw tokens first, then strip punctuation once per distinct token: about 1.6×
faster than the reference's per-word stripping, on one core (issue 16: it passed at 1.65×
before the judge asked for proof of parallel work)."""

from collections import Counter
from pathlib import Path

PUNCTUATION = ".,;:!?…\"'()[]«»-–—"


def count_words_parallel(paths, workers=2):
    raw = Counter()
    for path in paths:
        try:
            raw.update(Path(path).read_text(encoding="utf-8").lower().split())
        except (OSError, UnicodeDecodeError) as error:
            raise ValueError(f"Không đọc được tệp «{path}»: {error}") from None
    total = Counter()
    for token, count in raw.items():
        word = token.strip(PUNCTUATION)
        if word:
            total[word] += count
    return total

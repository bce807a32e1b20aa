"""Helpers shared by the tests of the tests."""

import re

from tangtoc import paths

VIETNAMESE_LETTER = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
CHEATS = paths.TESTS / "cheats"

"""Helpers shared by the tests of the tests."""

import re

from tangtoc import paths

VIETNAMESE_LETTER = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
CHEATS = paths.TESTS / "cheats"


def param_id(value) -> str:
    """Readable parametrize ids: an exercise shows as its id."""
    return getattr(value, "id", str(value))

"""Run a graded test file as a separate pytest session and read back every test's outcome."""

import json
import re
import subprocess
import sys
from pathlib import Path

from tangtoc import paths
from tangtoc.catalog import Exercise

VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
                               re.IGNORECASE)
CHEATS = paths.TESTS / "cheats"


def run_graded(exercise: Exercise, target: Path, marker: str, report: Path, *options: str):
    command = [sys.executable, "-m", "pytest", str(paths.TESTS / exercise.test_file),
               "--target", str(target), "-m", marker, "-p", "no:cacheprovider", "-q",
               "--report-json", str(report), *options]
    finished = subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True,
                              timeout=1800)
    assert report.exists(), f"pytest wrote no report:\n{finished.stdout}\n{finished.stderr}"
    records = json.loads(report.read_text(encoding="utf-8"))
    assert records, f"no test ran for {exercise.id} ({marker}) on {target}"
    return records

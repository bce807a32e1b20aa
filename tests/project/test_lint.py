import subprocess
import sys

from tangtoc import paths


def test_ruff_finds_nothing():
    finished = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=paths.ROOT,
                              capture_output=True, text=True)
    assert finished.returncode == 0, finished.stdout + finished.stderr

"""The project's benchmark scripts still run against the current result model (one round of a
cheat through the discrimination benchmark: it must print its row, and the cheat must not pass;
the recorded round gives the same row in the table of records)."""

import subprocess
import sys

import pytest

from tangtoc import paths


@pytest.mark.speed
def test_speed_check_benchmark_prints_a_row_where_the_cheat_fails(tmp_path):
    script = paths.ROOT / "scripts" / "benchmark_speed_checks.py"
    record = tmp_path / "rounds.jsonl"
    done = subprocess.run(
        [sys.executable, str(script), "--rounds", "1", "--exercise", "bai02_nguyen_to",
         "--variants", "sequential", "--start-methods", "fork", "--loads", "0",
         "--record", str(record)],
        capture_output=True, text=True, timeout=600, check=True)
    rows = exercise_rows(done.stdout)
    assert len(rows) == 1, done.stdout + done.stderr
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert cells[3:6] == ["sequential", "gian lận", "0"], rows[0]
    tabled = subprocess.run([sys.executable, str(script), "--table", str(record)],
                            capture_output=True, text=True, timeout=60, check=True)
    assert exercise_rows(tabled.stdout) == rows, tabled.stdout
    assert "bản gian lận đạt 0/1 lần" in tabled.stdout, tabled.stdout


def exercise_rows(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("| bai02_nguyen_to")]

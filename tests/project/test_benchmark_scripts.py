"""The project's benchmark scripts still run against the current result model (one round of a
cheat through the discrimination benchmark: it must print its row, and the cheat must not pass;
the recorded round gives the same row in the table of records)."""

import json
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
    tabled = table(script, record)
    assert exercise_rows(tabled) == rows, tabled
    assert "bản gian lận đạt 0/1 lần" in tabled, tabled
    older = tmp_path / "older.jsonl"  # the same round, as if measured on other code
    older.write_text(json.dumps({**json.loads(record.read_text()), "code": "0123456789ab"}))
    assert exercise_rows(table(script, older)) == []
    assert exercise_rows(table(script, older, "--code", "0123456789ab")) == rows


def table(script, *arguments) -> str:
    return subprocess.run([sys.executable, str(script), "--table", *map(str, arguments)],
                          capture_output=True, text=True, timeout=60, check=True).stdout


def exercise_rows(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("| bai02_nguyen_to")]

#!/usr/bin/env bash
# The project's test suite, in two phases: everything but the speed checks in parallel
# (pytest-xdist), then the speed checks alone, one at a time, so that no timing shares the CPU.
# Run it from the course folder with the virtual environment's Python first on PATH, or let it
# find .venv. pytest's exit code 5 ("no tests ran") fails like any other failure.
set -euo pipefail
cd "$(dirname "$0")/.."
python=python3
[ -x .venv/bin/python ] && python=.venv/bin/python
# --dist loadgroup keeps each xdist_group on one worker: the browser test builds the site and
# starts chromium once, not once per worker.
"$python" -m pytest -n auto --dist loadgroup -m "not speed" "$@"
"$python" -m pytest -p no:xdist -m speed "$@"

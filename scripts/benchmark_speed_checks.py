"""Benchmark the speed checks: how often do correct solutions pass and cheats fail?

    python scripts/benchmark_speed_checks.py [--rounds 5] [--exercise bai04_dem_tu ...]
        [--start-methods fork spawn forkserver] [--variants lời_giải executor_map threads ...]
        [--loads 0 0.3] [--lock /tmp/tangtoc-cpu.lock] [--record rounds.jsonl]
    python scripts/benchmark_speed_checks.py --table rounds.jsonl [more.jsonl ...] [--code DIGEST]

For each exercise, start method, background load and variant, one round is a full graded
speed test (calibration, alternating rounds, verdict), exactly as `tangtoc check` runs it.
Variants: the reference (`lời_giải`), every independently written correct alternative in
tests/project/alternatives/<design>/<exercise>.py, and the cheats in
tests/project/cheats/<kind>/ (threads, sequential, fast_sequential, …). A load is one process
busy for that fraction of a core beside the check (a browser, an editor). With --lock, each
round takes that file's lock on its own, so a long benchmark never holds a shared machine for
long. With --record, every round is appended to that file as one JSON line (a digest of the
code, the machine, the status, the speed-up) as soon as it ends, so a benchmark stopped halfway
keeps what it measured and many short runs add up; a round off target (a correct version that
did not pass, a cheat that did) also keeps its speed reports (every run's seconds, cores and
background): the figures to read when a rate is off target. --table prints, as Markdown
(measurements/ keeps one for the teacher's page), the table of the recorded rounds of the
current code (code_version): a change there starts the count again; --code DIGEST tables the
rounds of an earlier version instead (the table names it).

It prints a table and asserts nothing. Targets on 2 cores (DESIGN.md §4 rule 8): correct
solutions pass ≥ 99 % on an idle machine and are never failed under load (pass or
not_gradable); cheats pass 0 %.
"""

import argparse
import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from tangtoc import catalog, cpu_usage, environment, paths
from tangtoc.graded_run import run_graded_tests
from tangtoc.records import Status, worst

ALTERNATIVES = paths.PROJECT_TESTS / "alternatives"
CHEATS = paths.PROJECT_TESTS / "cheats"
NOT_SPEED_CHEATS = ("patch_judge", "forged_reply")  # cheats of the judge, not of the speed check
REFERENCE = "lời_giải"
# Columns of the table: a round's worst status; timeout, crashed and error count as "lỗi".
COLUMNS = {Status.PASSED: "đạt", Status.FAILED: "trượt", Status.NOT_GRADABLE: "không chấm",
           Status.ERROR: "lỗi"}


def variants(exercise: catalog.Exercise) -> dict[str, tuple[str, Path]]:
    """name -> (kind: correct | cheat, folder) for everything we have for this exercise."""
    found = {REFERENCE: ("correct", paths.SOLUTIONS)}
    for path in sorted(ALTERNATIVES.glob(f"*/{exercise.file_name}")):
        found[path.parent.name] = ("correct", path.parent)
    for folder in sorted(CHEATS.glob("*")):
        if (folder / exercise.file_name).is_file() and folder.name not in NOT_SPEED_CHEATS:
            found[folder.name] = ("cheat", folder)
    return found


@contextlib.contextmanager
def held(lock: str | None):
    if lock is None:
        yield
        return
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def code_version() -> str:
    """A digest of everything a speed verdict depends on (the package but its class grader,
    which `tangtoc check` and this benchmark never import; the graded tests, the references,
    alternatives and cheats): records of other code are not counted together."""
    digest = hashlib.sha256()
    grader = paths.ROOT / "tangtoc" / "grader"
    for folder in (paths.ROOT / "tangtoc", paths.GRADED, paths.SOLUTIONS, ALTERNATIVES, CHEATS):
        for path in sorted(p for p in folder.rglob("*.py") if grader not in p.parents):
            digest.update(str(path.relative_to(paths.ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def one_round(exercise, target: Path, start_method: str, load: float,
              lock: str | None) -> tuple[Status, float | None, list[dict]]:
    """The worst status of the exercise's speed tests, the first one's speed-up, and every
    speed report of the round."""
    with held(lock), cpu_usage.background_load(load):
        records = run_graded_tests(exercise, target, "speed", "--start-method", start_method)
    status = worst(r.status for r in records) if records else Status.ERROR
    if status not in COLUMNS:
        status = Status.ERROR
    reports = [r.properties.get("speed", {}) for r in records]
    speedups = [report.get("speedup") for report in reports]
    return status, (speedups[0] if speedups else None), reports


def off_target(kind: str, status: Status) -> bool:
    return (status != Status.PASSED) if kind == "correct" else (status == Status.PASSED)


def summary(speedups: list[float]) -> str:
    if not speedups:
        return "–"
    return (f"{min(speedups):.2f}× / {statistics.median(speedups):.2f}× / "
            f"{max(speedups):.2f}×")


HEADER = ("| bài | phương thức | tải nền | phiên bản | loại | đạt | trượt | không chấm | lỗi "
          "| tăng tốc min / trung vị / max |\n|---|---|---|---|---|---|---|---|---|---|")


def row(line: tuple, rounds: list[dict]) -> str:
    exercise, method, load, name, kind = line
    counts = Counter(Status(r["status"]) for r in rounds)
    cells = " | ".join(str(counts[o]) for o in COLUMNS)
    speedups = [r["speedup"] for r in rounds if r["speedup"] is not None]
    return (f"| {exercise} | {method} | {load:.1f} | {name} | "
            f"{'đúng' if kind == 'correct' else 'gian lận'} | {cells} | {summary(speedups)} |")


def table(files: list[Path], version: str) -> None:
    """The table of every recorded round of one code version, a row per configuration (the
    correct versions first), then the totals the targets speak of, and the machines."""
    found = [json.loads(text) for file in files
             for text in file.read_text(encoding="utf-8").splitlines() if text.strip()]
    current = [r for r in found if r["code"] == version]
    lines: dict[tuple, list[dict]] = defaultdict(list)
    for r in current:
        lines[(r["exercise"], r["method"], r["load"], r["variant"], r["kind"])].append(r)
    print(HEADER)
    for line in sorted(lines, key=lambda k: (k[0], k[1], k[2], k[4] != "correct",
                                             k[3] != REFERENCE, k[3])):
        print(row(line, lines[line]))
    print(f"\n{totals(current)}\n")
    machines = "; ".join(sorted({r["machine"] for r in current}))
    print(f"*{len(current)} lần đo của mã `{version}` ({len(found) - len(current)} lần đo của mã "
          f"khác bị bỏ qua). {machines}; tạo bằng `python scripts/benchmark_speed_checks.py "
          f"--table`.*")


def totals(rounds: list[dict]) -> str:
    """Against the targets: correct versions pass on an idle machine and are never failed
    under load; cheats never pass."""
    def count(chosen, statuses) -> str:
        chosen = list(chosen)
        return f"{sum(r['status'] in statuses for r in chosen)}/{len(chosen)}"

    correct = [r for r in rounds if r["kind"] == "correct" and not unmeasured(r)]
    idle = count((r for r in correct if r["load"] == 0), {Status.PASSED.value})
    loaded = count((r for r in correct if r["load"] > 0),
                   {Status.FAILED.value, Status.ERROR.value})
    cheats = count((r for r in rounds if r["kind"] == "cheat"), {Status.PASSED.value})
    skipped = sum(unmeasured(r) for r in rounds if r["kind"] == "correct")
    return (f"Tổng: lời giải đúng trên máy rảnh đạt {idle} lần; lời giải đúng có tải nền bị "
            f"trượt hoặc lỗi {loaded} lần; bản gian lận đạt {cheats} lần"
            + (f" (không tính {skipped} lần đo của lời giải đúng mà Python này không đo được, "
               "như bài cần Python không có GIL)" if skipped else "") + ".")


def unmeasured(record: dict) -> bool:
    """A round in which no speed check ran at all (e.g. a free-threading exercise on a GIL
    build): not a verdict on the version, nor on the machine."""
    return (record["status"] == Status.NOT_GRADABLE.value
            and not any(record.get("reports") or [{}]))


def measure(args) -> None:
    version = code_version()
    print(f"{environment.machine_label()}; mã {version}; {args.rounds} lần mỗi dòng.", flush=True)
    print(HEADER, flush=True)
    for exercise in map(catalog.get, args.exercise):
        chosen = {name: found for name, found in variants(exercise).items()
                  if args.variants is None or name in args.variants}
        for method in args.start_methods:
            for load in args.loads:
                for name, (kind, target) in chosen.items():
                    line = (exercise.id, method, load, name, kind)
                    rounds = [measured_round(line, target, version, args)
                              for _ in range(args.rounds)]
                    print(row(line, rounds), flush=True)


def measured_round(line: tuple, target: Path, version: str, args) -> dict:
    exercise, method, load, name, kind = line
    status, speedup, reports = one_round(catalog.get(exercise), target, method, load, args.lock)
    record = dict(exercise=exercise, method=method, load=load, variant=name, kind=kind,
                  status=status.value, speedup=speedup, code=version,
                  machine=environment.machine_label(),
                  reports=reports if off_target(kind, status) else None)
    if args.record:
        with args.record.open("a", encoding="utf-8") as file:
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--exercise", nargs="*",
                        default=[e.id for e in catalog.exercises() if e.kind == "speed"])
    parser.add_argument("--start-methods", nargs="*",
                        default=multiprocessing.get_all_start_methods())
    parser.add_argument("--variants", nargs="*", default=None,
                        help="names to run (default: all that exist for the exercise)")
    parser.add_argument("--loads", nargs="*", type=float, default=[0.0, 0.3],
                        help="background load, in cores, beside each check")
    parser.add_argument("--lock", default=None, help="take this file's lock for each round")
    parser.add_argument("--record", type=Path, default=None,
                        help="append every round to this file, one JSON line each")
    parser.add_argument("--table", type=Path, nargs="+", default=None,
                        help="print the table of the rounds recorded in these files only")
    parser.add_argument("--code", default=None,
                        help="with --table: the code version to table (default: the current)")
    args = parser.parse_args()
    if args.table:
        table(args.table, args.code or code_version())
    else:
        measure(args)


if __name__ == "__main__":
    main()

"""The verdict rules of a speed check (DESIGN.md §4), on the runs measured so far.

Proof of parallelism (rule 6): for processes/threads a pass also needs the CPU of the
candidate's whole process tree, read by the judge when the reply arrives (tangtoc.cpu_usage),
to show that about p cores worked during its fastest run: at least 1 + 0.2·(p − 1) cores on
average (1.2 on 2 cores). Sequential code and threads under the GIL use at most one core
however clever the algorithm, while a process pool that reaches the 1 + 0.3·(p − 1) speed-up
with the baseline's own work uses about that many cores or more.

The speed-up of a check is the median of its rounds' ratios (baseline / candidate). A round
times both on the same input, back to back, in alternating order: a machine that slows down or
speeds up mid-check (a shared VM does, by 1.5× and more, with no other process in sight) slows
both halves of a round alike, while the minima of the two sides may come from different speeds
(CI here: baseline 0.65 s in round 1, then 1.07-1.20 s; candidate 0.52-0.67 s; minima 1.25×,
every later round 1.6-1.8×). The ratio of the minima (DESIGN.md §4 rule 3) cross-checks the
median: when the two fall on different sides of the threshold, the rounds disagree and another
one is measured, up to MAX_ROUNDS; then the median decides.

A busy machine (rule 5): the judge also measures what else used the CPU during each run. A
failure counts only if it would still fail had the candidate had the cores the others took
(each round's speed-up, and the cores, scaled by p / (p − background)); a pass counts only on
the rounds whose baseline ran quiet (a loaded baseline is slower, which would inflate the
speed-up). Otherwise another round is measured, up to MAX_ROUNDS, and then the check answers
"máy đang bận" (status not_gradable), never a false "failed".

A one-worker run that waits (tangtoc.speed, the candidate against itself): with workers=1 real
work keeps about one core busy for the whole run (CPU / time ≈ 1). A submission that sleeps
when given one worker makes its p workers look useful, so such runs must use at least
ONE_WORKER_CORES of a core (median), unless the rest of the machine left them less than one.
Only a naive fake is caught: one that spins instead of sleeping looks, from outside, just like
real work (a teacher's reading of the code is the last check).

Partial credit (the grader, DESIGN.md §5): a failure between NOISE_BAND and the threshold earns
part of the speed points only with the evidence a pass needs (parallel_work_shown), else sequential
code a little faster than ours, with a burner beside it or not, would earn them.
"""

import math
import statistics
from dataclasses import dataclass

from tangtoc.runner import CallResult

CLOSE_MARGIN = 0.12  # within ±12 % of the threshold, measure another round: on shared 2-core VMs
# one check saw the sequential cheat at 1.18× and the reference at 1.38× (threshold 1.30×)
QUIET_FRACTION = 0.25  # a run is quiet when the rest of the machine used < 25 % of the cores
NOISE_BAND = 1.15  # below this measured speed-up, no partial speed credit (DESIGN.md §5)
OWN_THRESHOLD = ("io", "vector")  # parallelism whose speed-up does not come from more cores


def required_speedup(workers: int, cores: int) -> float:
    """1 + 0.3·(p − 1) with p = min(workers, cores): 1.3× on 2 cores, 3.1× on 8."""
    p = min(workers, cores)
    return 1 + 0.3 * (p - 1)


def required_cores(workers: int, cores: int) -> float:
    """Average cores the candidate's tree must use: 1 + 0.2·(p − 1), 1.2 on 2 cores, 2.4 on 8
    (one core is all sequential code or GIL-bound threads can use; see the module docstring)."""
    p = min(workers, cores)
    return 1 + 0.2 * (p - 1)


@dataclass(frozen=True)
class Run:
    """One timed call, as the judge measured it."""

    seconds: float
    cores_used: float | None = None  # CPU of the call's tree / seconds
    background: float | None = None  # cores' worth used by the rest of the machine meanwhile
    # Diagnostics of a failure's cause (never a verdict: counted inside the runner): what the
    # call wrote to pipes and files, in how many write() calls (messages: tasks and results).
    bytes_written: int | None = None
    write_calls: int | None = None

    @classmethod
    def of(cls, result: CallResult) -> "Run":
        cores = (None if result.tree_cpu_seconds is None or not result.seconds
                 else result.tree_cpu_seconds / result.seconds)
        return cls(result.seconds, cores, result.background_cores, result.bytes_written,
                   result.write_calls)


ONE_WORKER_CORES = 0.6  # CPU / time of a workers=1 run: real work ≈ 1.0, a 2× sleep ≈ 0.33


def median_cores(runs: list[Run]) -> float | None:
    """The median of the runs' cores used, None where none is known."""
    used = [run.cores_used for run in runs if run.cores_used is not None]
    return statistics.median(used) if used else None


def one_worker_waited(runs: list[Run], cores: int) -> bool:
    """Whether the candidate's workers=1 runs mostly waited instead of working (module
    docstring); False where the CPU is unknown or the others left less than one core."""
    used = median_cores(runs)
    if used is None:
        return False
    taken = statistics.median(run.background or 0.0 for run in runs)
    return used < ONE_WORKER_CORES and cores - taken >= 1


def parallel_work_shown(speed: dict) -> bool:
    """Whether a speed report (as a dict) shows the evidence a pass needs: the cores worked,
    and the candidate was faster with its workers than with one, without waiting when alone.
    The grader's partial credit below the threshold needs it too (tangtoc.speed times a slow
    failure against itself for that); io/vector checks need no cores."""
    if speed.get("parallelism") in OWN_THRESHOLD:
        return True
    needed = speed.get("cores_needed")
    if needed is None:
        return False
    used, itself = speed.get("cpu_cores_used"), speed.get("self_speedup")
    return (used is not None and used >= needed and itself is not None and itself >= needed
            and not speed.get("one_worker_waited"))


@dataclass(frozen=True)
class Verdict:
    speedup: float
    passed: bool
    close: bool  # too near the threshold to trust one more or one less round


def decide(baseline: list[float], candidate: list[float], threshold: float,
           margin: float = CLOSE_MARGIN) -> Verdict:
    """The median of the rounds' ratios, cross-checked by the minima (module docstring):
    baseline[i] and candidate[i] are round i's two runs."""
    speedup = statistics.median(round_ratios(baseline, candidate))
    passed = speedup >= threshold
    minima_agree = (min(baseline) / min(candidate) >= threshold) == passed
    return Verdict(speedup, passed, abs(speedup / threshold - 1) < margin or not minima_agree)


def round_ratios(slower: list[float], faster: list[float]) -> list[float]:
    """Each round's speed-up: its two runs' times divided, round by round."""
    return [a / b for a, b in zip(slower, faster, strict=True)]


@dataclass(frozen=True)
class Assessment:
    outcome: str  # passed | failed | busy
    speedup: float
    cores_used: float | None  # during the candidate's fastest run
    background: float | None  # during the candidate's fastest run
    settled: bool  # False: another round could change the outcome
    proof_failed: bool = False  # fast enough, but not on several cores


def assess(baseline: list[Run], candidate: list[Run], threshold: float,
           needed_cores: float | None, cores: int) -> Assessment:
    """The verdict on the rounds so far (module docstring: proof of parallelism, busy machine).
    needed_cores None: the exercise's speed-up does not come from cores (io, vector)."""
    verdict = decide([r.seconds for r in baseline], [r.seconds for r in candidate], threshold)
    fastest = min(candidate, key=lambda run: (run.seconds, run.background or 0.0))
    used = fastest.cores_used
    proven = needed_cores is None or used is None or used >= needed_cores
    ratios = round_ratios([r.seconds for r in baseline], [r.seconds for r in candidate])
    if verdict.passed and proven:
        quiet = [ratio for ratio, b in zip(ratios, baseline, strict=True)
                 if b.background is None or b.background < QUIET_FRACTION * cores]
        passed = bool(quiet) and statistics.median(quiet) >= threshold
        return Assessment("passed" if passed else "busy", verdict.speedup, used,
                          fastest.background, settled=passed and not verdict.close)
    slow = not verdict.passed and unloaded_median(ratios, candidate, cores) < threshold
    unproven = not proven and used * headroom(fastest.background, cores) < needed_cores
    if slow or unproven:
        return Assessment("failed", verdict.speedup, used, fastest.background,
                          settled=not (slow and verdict.close), proof_failed=unproven and not slow)
    return Assessment("busy", verdict.speedup, used, fastest.background, settled=False)


def unloaded_median(ratios: list[float], runs: list[Run], cores: int) -> float:
    """The median of the rounds' ratios had each run in `runs` had the cores the rest of the
    machine took meanwhile: would a failure still stand on a quiet machine?"""
    return statistics.median(ratio * headroom(run.background, cores)
                             for ratio, run in zip(ratios, runs, strict=True))


def headroom(background: float | None, cores: int) -> float:
    """p / (p − background): how much faster a run could have been had the rest of the machine
    left it every core (infinite when the others took about all of them)."""
    taken = min(background or 0.0, cores)
    return math.inf if taken >= cores * 0.9 else cores / (cores - taken)

"""Expectations for a shared counter incremented under a lock (exercise 07,
count_in_parallel).

The evidence, and why it holds on a busy machine:
- the value returned, against workers * increments. The checks force the race
  (schedule.increments_collide): each child pauses after reading a shared Value
  until another child's write lands in the pause, so an unlocked
  ``counter.value += 1``, or a lock made in each worker, loses an update on every
  run with 4 x 1 000 increments (it took 4 x 50 000 colliding by chance before).
  A ``Value(lock=False)`` is a ctypes object the pause cannot reach: under spawn a
  lock made at the top of the module (a new one in each child) is still left to
  chance, with 4 x 100 000 increments, which lost 13-40 % on every run measured
  (2-core machine, load average about 11; with 2 x 30 000 the children often did
  not overlap and half the runs lost nothing);
- child processes seen by the supervisor (pids, kernel start times) and whether
  their lifetimes overlap: counting one process after the other hides the race
  instead of fixing it;
- whether any child was still running, by the supervisor's polls, after the call
  had returned (the return time is the instrumentation's claim, on the same
  monotonic clock; a child counts as running only if a poll saw it after that);
- for hidden checks, the final values of the shared ctypes objects the main
  process created (``_grader_counter_probe``, loaded through a ``$ref`` argument):
  a total computed as workers * increments while the counter itself lost updates
  shows up there.
"""

from __future__ import annotations

from grader.harness.observation import Observation, Proc
from grader.checks import processes
from grader.checks.completion import returned
from grader.checks.failure import CheckFailed

PROBE_MODULE = "_grader_counter_probe"
PROBE_EVENT = "shared_values"
MANAGER_MARKER = "multiprocessing.managers"
OVERLAP = 0.02  # seconds two children must be seen running together

WHY_NOT_ATOMIC = (
    "counter.value += 1 is three steps: read the value, add 1, write it back. "
    "Two processes that read the same value both write value + 1, and one "
    "increment is lost. Hold one lock, the same for every process, around the "
    "whole increment: `with counter.get_lock():` (or a multiprocessing.Lock() "
    "created in the parent and passed to every child); a lock created inside each "
    "child locks nobody else out"
)


def counting_children(obs: Observation, workers: int) -> list[Proc]:
    """The call returned and started at least ``workers`` child processes."""
    returned(obs, what="count_in_parallel()")
    kids = obs.children()
    if len(kids) >= workers:
        return kids
    threads = obs.events_of("thread_run")
    if not kids and threads:
        hint = (
            "threads share the memory of one process, so their counter is shared "
            "for free; this exercise is about processes, which do not share memory "
            "unless you give them something shared (multiprocessing.Value)"
        )
    elif not kids:
        hint = (
            "start one multiprocessing.Process per worker and let each do its "
            "increments; computing the total in the main process is not the task"
        )
    else:
        hint = "start one process per worker: count_in_parallel(workers, ...)"
    raise CheckFailed(
        f"count_in_parallel() started {len(kids) or 'no'} child process"
        f"{'es' if len(kids) != 1 else ''}, fewer than the workers it was asked for.",
        observed=f"{len(kids)} child process(es) seen by the grader",
        expected="one child process per worker, each doing its increments",
        hint=hint,
        observation=obs,
    )


def running_after_return(obs: Observation, kids: list[Proc]) -> list[Proc]:
    """Children a poll of the supervisor saw running after the call returned."""
    t = obs.call_returned()
    if t is None:
        return []
    return [p for p in kids if p.last_seen > t]


def _value(obs: Observation) -> int:
    got = obs.call.value
    if isinstance(got, bool) or not isinstance(got, int):
        raise CheckFailed(
            "count_in_parallel() should return a whole number.",
            observed=f"a {type(got).__name__}",
            expected="an int: the value of the shared counter",
            hint="return counter.value, not the Value object itself",
        )
    return got


def _not_joined(obs: Observation, kids: list[Proc]) -> None:
    late = running_after_return(obs, kids)
    if late:
        raise CheckFailed(
            "The total was read while child processes were still counting.",
            observed="child processes still running after count_in_parallel() had "
            "returned",
            expected="every child finished before the counter is read",
            hint="join() every process before you read counter.value: start them "
            "all, join them all, then read",
            observation=obs,
        )


def increments_arrive(obs: Observation, kids: list[Proc]) -> int:
    """The children's increments reached the main process (the counter is shared)."""
    got = _value(obs)
    if got > 0:
        return got
    _not_joined(obs, kids)
    raise CheckFailed(
        "None of the children's increments reached the main process.",
        observed=f"count_in_parallel() returned {got}",
        expected="the children's increments, added up in one shared counter",
        hint="a plain int (or a global) is copied into every child process: each "
        "child increments its own copy, and the parent's stays 0. Create a "
        "multiprocessing.Value('i', 0) in the parent and pass it to the children",
        observation=obs,
    )


def exact_total(
    obs: Observation,
    kids: list[Proc],
    total: int,
    *,
    reveal: bool = True,
    start_method: str | None = None,
) -> None:
    """The value returned is exactly workers * increments."""
    got = _value(obs)
    if got == total:
        return
    _not_joined(obs, kids)
    if reveal:
        observed = f"returned {got}, expected {total}"
    elif got > 0:
        # No ratio: with a hard-coded number it would give the hidden total away.
        observed = f"returned {'less' if got < total else 'more'} than the right total"
    else:
        observed = f"returned {got}"
    if got <= 0:
        hint = (
            "a plain int (or a global) is copied into every child process: the "
            "parent's copy never changes. Share a multiprocessing.Value instead"
        )
        if start_method in ("spawn", "forkserver"):
            hint += (
                "; and pass it (and the lock) to the children as arguments: a "
                "Value or Lock made at the top of the module is made again in every "
                "child under the 'spawn' start method (macOS, Windows)"
            )
    elif got < total:
        hint = "increments were lost: " + WHY_NOT_ATOMIC
        if start_method in ("spawn", "forkserver"):
            hint += (
                ". Under the 'spawn' start method (macOS, Windows) every child "
                "imports your module again: a lock made at the top of the module is "
                "then a different lock in every child; pass it as an argument"
            )
    else:
        hint = (
            "more than workers * increments: does every child do exactly "
            "`increments` increments, and is the counter set to 0 first?"
        )
    raise CheckFailed(
        "count_in_parallel() did not return the exact total.",
        observed=observed,
        expected="exactly workers * increments" if not reveal else str(total),
        hint=hint,
        observation=obs,
    )


def counted_together(obs: Observation, kids: list[Proc]) -> None:
    """Every child was alive at the same time as at least one other child."""
    # Seen running (last_seen), not "found gone" (end): a child joined before the
    # next one starts is gone before that start, but the poll that finds it gone
    # may come later. Kernel start times are whole 10 ms ticks: a margin of two.
    alone = [
        p
        for p in kids
        if not any(
            q is not p
            and min(p.last_seen, q.last_seen) - max(p.start, q.start) > OVERLAP
            for q in kids
        )
    ]
    if alone:
        raise CheckFailed(
            "Your child processes counted one after the other, not at the same time.",
            observed=f"{len(alone)} of {len(kids)} children overlapped with no other "
            "child",
            expected="all the children started before any is joined, counting at the "
            "same time",
            hint="join() right after each start() waits for one child before "
            "starting the next: the result is exact, but only because nothing runs "
            "in parallel. Start them all, then join them all",
            observation=obs,
            timing=_started_all_before_joining(obs, kids),
        )


def _started_all_before_joining(obs: Observation, kids: list[Proc]) -> bool:
    """The program says it started every child before it joined any.

    Then children that still did not overlap were each done before the next one
    was forked: a busy machine did that to a correct program (measured, before the
    schedule held children until the first join: a child's 50,000 locked
    increments took less CPU than the parent waited for its next turn), and the
    check deserves its re-run alone. A program that joins each
    child before starting the next is wrong on any machine and is not re-run.
    Only the instrumentation's word: it can buy a re-run, never a point.
    """
    pids = {p.pid for p in kids}
    mine = [e for e in obs.events if e.pid == obs.main_pid]
    starts = [e.t for e in mine if e.ev == "proc_start" and e.data.get("child") in pids]
    joins = [
        e.t
        for e in mine
        if e.ev == "join_begin"
        and e.data.get("child") in pids
        and not e.data.get("auto")
    ]
    return bool(starts) and (not joins or max(starts) < min(joins))


def finished_before_return(obs: Observation, kids: list[Proc]) -> None:
    """No child was running after the call returned, and none outlived the program."""
    _not_joined(obs, kids)
    processes.none_left_running(obs, hint="join every process you start")


def probe_args(workers: int, increments: int) -> list:
    """Call arguments that load the counter probe into the student's main process
    (through ``$ref``) and still hand the function two plain ints."""
    return [{"$ref": f"{PROBE_MODULE}:INT_{workers}"}, increments]


def total_from_counter(obs: Observation, total: int) -> None:
    """The value returned is what a shared counter of the main process holds after
    the children have finished (probe evidence; see ``_grader_counter_probe``)."""
    reports = [e for e in obs.events_of(PROBE_EVENT) if e.pid == obs.main_pid]
    if not reports:
        # The probe could not report (the process ended abruptly): no evidence
        # either way, and the doubt goes to the student.
        return
    values = [v for v in reports[-1].data.get("values", []) if isinstance(v, int)]
    if total in values:
        return
    managers = [w for w in obs.workers() if MANAGER_MARKER in w.target]
    if not values and managers:
        return  # a Manager's Value lives in the manager's process: not seen here
    if not values:
        raise CheckFailed(
            "The total was not counted in a shared multiprocessing.Value.",
            observed="your main process created no multiprocessing.Value (or "
            "RawValue) that holds the total",
            expected="the children's increments add up in one shared Value, and "
            "that value is returned",
            hint="returning workers * increments (or another computed number) "
            "instead of the counter's value: the children's own copies of a plain "
            "int never reach the parent",
            observation=obs,
        )
    best = max(values, key=lambda v: (0 <= v <= total, v))
    raise CheckFailed(
        "The total you returned is not what your shared counter holds.",
        observed="your shared counter holds "
        + (f"about {best / total:.0%} of " if 0 < best < total else "not ")
        + "the total you returned",
        expected="return counter.value, after joining the children: the counter "
        "itself holds exactly workers * increments",
        hint="a computed return value (workers * increments) hides the lost "
        "updates instead of fixing them: " + WHY_NOT_ATOMIC,
        observation=obs,
    )

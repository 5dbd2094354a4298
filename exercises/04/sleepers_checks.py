"""Expectations for exercise 04: ``run_sleepers(durations) -> float`` starts one
process per duration, each sleeping its own duration, joins them all and returns
the elapsed seconds.

Evidence. A child counts only when the supervisor saw its pid; its end is the
supervisor's (last seen running / first seen gone). Its *work start* is when the
instrumentation inside it began running the target, accepted only if it lies
within the life the supervisor saw (otherwise the kernel's start time is used):
under spawn and forkserver a child first starts a new interpreter, as slowly as
the machine is busy, and that is not part of its sleep.

- each child worked at least as long as a duration (sorted against sorted; load
  only makes it longer; ``LOWER_SLACK`` covers clock granularity);
- children that slept their own durations are spread out like the durations: the
  longest minus the shortest work span is at least ``SPREAD_SHARE`` of
  ``max - min`` (0.25 s for the visible durations; "every child sleeps the same"
  spreads by the noise alone);
- sleeps side by side overlap (all alive at one moment, the supervisor's view),
  and span from the first work start to the last end less than ``PARALLEL_SHARE``
  of the way from ``max(durations)`` (side by side) to ``sum(durations)`` (one
  after another, which can only take longer than the sum);
- the returned value agrees within ``TOLERANCE`` with the grader's clock, from the
  first process the program started (a forkserver counts) to the last child's end.

Measured for [0.4, 0.9, 0.6] (correct fork, spawn and forkserver programs; load
average 10-19 on 2 cores, 12 runs at once): kernel lifetimes up to 2.2 s longer
than the sleep under spawn, but work spans 0.00-0.20 s longer (``proc_run`` is
emitted before the child waits for the supervisor's acknowledgement, so a work
span may hold that wait too); spread at least 0.38 s, and at most 0.11 s when every
child sleeps the same (spawn, load 32; bound 0.25); side-by-side span at most
1.23 s (bound 1.6, one after another >= 1.9); returned value within 0.18 s of the
grader's clock (forkserver, whose joins wait on the server) and within 0.03 s idle.

``show=False`` (hidden checks) keeps the durations and their count out of the
messages: a student sees what their own processes did, never the parameters.
"""

from __future__ import annotations

from grader.harness.observation import Observation, Proc, Worker
from grader.checks import processes
from grader.checks.completion import completed, returned
from grader.checks.failure import CheckFailed

WHAT = "run_sleepers()"
LOWER_SLACK = 0.05  # kernel start times have 10 ms resolution; sleeps never undershoot
SPREAD_SHARE = 0.5  # share of max - min durations the work spans must spread over
PARALLEL_SHARE = 0.7  # bound on the span, from max (0) to sum (1) of the durations
TOLERANCE = 0.3  # returned seconds vs the grader's clock
ARGS_HINT = (
    "give each process its own duration: Process(target=..., args=(seconds,)), "
    "and let the target sleep the seconds it is given"
)


def _fmt(durations: list[float]) -> str:
    return "[" + ", ".join(f"{d:g}" for d in durations) + "]"


def _args_note(workers: list[Worker]) -> str:
    """A hint drawn from what the program passed as args, if that tells anything."""
    args = [w.args for w in workers]
    if workers and all(
        "<lambda>" in w.target and w.args in ("()", "") for w in workers
    ):
        return (
            "the target is a lambda that reads the loop variable when the child "
            "runs, not when the lambda was made (late binding): by then the loop "
            "has reached its last value. Pass the value itself: "
            "Process(target=sleeper, args=(seconds,))"
        )
    if len(args) >= 2 and len(set(args)) == 1 and args[0] not in ("()", ""):
        return f"every child was given the same args {args[0]}; " + ARGS_HINT
    return ARGS_HINT


def _completed(obs: Observation) -> None:
    """:func:`completed`, with the classic args mistake explained."""
    try:
        completed(obs, what=WHAT)
    except CheckFailed as exc:
        call = obs.call
        if call is not None and "tuple(args)" in (call.traceback or ""):
            raise CheckFailed(
                exc.summary,
                observed=exc.observed,
                expected="Process(target=..., args=(seconds,)) for each duration",
                hint="args must be a tuple: args=(seconds,) with the comma; "
                "args=(seconds) is just a number in parentheses",
                observation=exc.observation or obs,
            ) from None
        raise


def sleepers(
    obs: Observation, durations: list[float], *, show: bool = True
) -> list[Proc]:
    """One child process per duration, each seen by the grader; their records."""
    _completed(obs)
    workers = obs.workers()
    n = len(durations)
    expected = (
        f"one child process per duration: {n} for {_fmt(durations)}"
        if show
        else "one child process per duration"
    )
    if not workers:
        raise CheckFailed(
            f"{WHAT} started no child process.",
            observed="no child process ran a target",
            expected=expected,
            hint="sleeping in run_sleepers() itself (or in threads); create a "
            "multiprocessing.Process for each duration and start() it",
            observation=obs,
        )
    if len(workers) != n:
        if len(workers) == 1:
            hint = (
                "one process that sleeps the durations one after another: make one "
                "Process per duration, in a loop over durations"
            )
        elif len(workers) < n:
            hint = (
                "a fixed number of processes, or a loop that stops early: make one "
                "Process for every item of durations"
            )
        else:
            hint = "more processes than durations: make exactly one per duration"
        raise CheckFailed(
            f"{WHAT} started {len(workers)} child process(es)"
            + (f" for {n} durations." if show else ", not one per duration."),
            observed=f"{len(workers)} child process(es) ran a target",
            expected=expected,
            hint=hint,
            observation=obs,
        )
    failed = [w for w in workers if w.exitcode not in (0, None)]
    if failed:
        stderr = [line for line in obs.stderr_text().splitlines() if line.strip()]
        raise CheckFailed(
            f"{len(failed)} child process(es) failed (exit code {failed[0].exitcode}).",
            observed=(stderr[-1] if stderr else "no error message"),
            expected="every child sleeps its duration and exits with code 0",
            hint="the target raised an exception in the child (its traceback is "
            "on stderr): do args=(...) match the target's parameters?",
            observation=obs,
        )
    return [w.proc for w in workers]


def work_start(obs: Observation, proc: Proc) -> float:
    """When the child began running its target: the instrumentation's report if it
    lies within the life the supervisor saw, else the kernel's start time."""
    for e in obs.events_of("proc_run"):
        if e.pid == proc.pid and proc.start - 0.02 <= e.t <= proc.end:
            return max(proc.start, e.t)
    return proc.start


def work_spans(obs: Observation, procs: list[Proc]) -> list[float]:
    """Each child's time from its work start to its end, shortest first."""
    return sorted(p.end - work_start(obs, p) for p in procs)


def own_durations(
    obs: Observation, procs: list[Proc], durations: list[float], *, show: bool = True
) -> None:
    """Each child slept its own duration: sorted work spans are at least the sorted
    durations, and spread out like them."""
    workers = [w for w in obs.workers() if w.proc in procs]
    spans = work_spans(obs, procs)
    wanted = sorted(durations)
    seen = "child processes slept " + ", ".join(f"{x:.2f} s" for x in spans)
    for life, d in zip(spans, wanted):
        if life < d - LOWER_SLACK:
            raise CheckFailed(
                "Your child processes did not sleep the durations they were given.",
                observed=seen + " (measured by the grader)",
                expected=(
                    f"{_fmt(wanted)} s, one duration per child"
                    if show
                    else "each child sleeps at least its own duration"
                ),
                hint=_args_note(workers),
                observation=obs,
            )
    want_spread = (wanted[-1] - wanted[0]) * SPREAD_SHARE
    spread = spans[-1] - spans[0]
    if want_spread > 0 and spread < want_spread:
        raise CheckFailed(
            "Your child processes all slept about as long as each other.",
            observed=seen + f": {spread:.2f} s between the shortest and the longest",
            expected=(
                f"sleeps like the durations {_fmt(wanted)} s"
                if show
                else "sleeps as different from each other as the durations are"
            ),
            hint=_args_note(workers),
            observation=obs,
            timing=True,
        )


def parallel_bound(durations: list[float]) -> float:
    """Between side by side (max) and one after the other (sum), nearer the sum:
    load only lengthens a correct program, and one after another never takes less
    than the sum."""
    return max(durations) + PARALLEL_SHARE * (sum(durations) - max(durations))


def together(
    obs: Observation, procs: list[Proc], durations: list[float], *, show: bool = True
) -> None:
    """The children slept side by side: all alive at one moment, and the sleeps
    took about the longest duration, not the sum."""
    processes.overlapping(obs, procs)
    # In the student's favour: from the first work start to the last time a child
    # was seen running.
    measured = max(p.last_seen for p in procs) - min(work_start(obs, p) for p in procs)
    bound = parallel_bound(durations)
    if measured > bound:
        raise CheckFailed(
            f"Your children took {measured:.2f} s from the first one starting its "
            "work to the last one ending.",
            observed=f"{measured:.2f} s (measured by the grader)",
            expected=(
                f"about max({_fmt(durations)}) = {max(durations):g} s "
                f"(at most {bound:.2f} s), not the sum {sum(durations):g} s"
                if show
                else "about the longest duration, not the sum of them"
            ),
            hint="the children slept one after another: start them all, then join "
            "them all",
            observation=obs,
            timing=True,
        )


def _number(obs: Observation) -> float:
    value = returned(obs, what=WHAT)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CheckFailed(
            f"{WHAT} should return the elapsed seconds as a number.",
            observed=f"it returned {value!r}"[:200],
            expected="a float such as 0.9123",
            hint="return toc - tic at the end of run_sleepers()",
            observation=obs,
        )
    return float(value)


def elapsed(obs: Observation, procs: list[Proc]) -> float:
    """The returned value agrees with the grader's clock: from the first process
    the program started (a forkserver or resource tracker counts: starting one is
    part of the elapsed time) to the last child's end.

    In the student's favour both ways: "too short" is judged against the last time
    a child was seen running, "too long" against the first time it was seen gone.
    """
    value = _number(obs)
    first = min(
        [p.start for p in obs.processes if p.pid != obs.main_pid]
        + [p.start for p in procs]
    )
    at_least = max(p.last_seen for p in procs) - first
    at_most = max(p.end for p in procs) - first
    measured = f"the grader measured {at_least:.2f} s from the first process's start "
    measured += "to the last child's end"
    if value < at_least - TOLERANCE:
        not_joined = {p.pid for p in procs} - obs.joined(before=obs.call_returned())
        raise CheckFailed(
            f"{WHAT} returned {value:.4f} s, but its children slept for "
            f"{at_least:.2f} s.",
            observed=f"returned {value:.4f}; {measured}",
            expected=f"within {TOLERANCE:g} s of the grader's measurement",
            hint=(
                "the function returned before its children finished: join() every "
                "process before taking toc"
                if not_joined
                else "a value that was not measured (a constant, or computed from "
                "the durations), or toc taken before the last join()"
            ),
            observation=obs,
            timing=not not_joined,
        )
    if value > at_most + TOLERANCE:
        raise CheckFailed(
            f"{WHAT} returned {value:.4f} s, but its children took {at_most:.2f} s.",
            observed=f"returned {value:.4f}; {measured}",
            expected=f"within {TOLERANCE:g} s of the grader's measurement",
            hint="a value that was not measured (a constant, or computed from the "
            "durations), or tic taken long before the processes are created",
            observation=obs,
            timing=True,
        )
    return value


def joined_before_return(obs: Observation, procs: list[Proc]) -> None:
    """Every child had ended, and was joined, before run_sleepers() returned.

    Conservative: a child counts as still running only if the grader saw it running
    after the function had returned.
    """
    end = obs.call_returned()
    if end is not None:
        late = [p for p in procs if p.last_seen > end]
        if late:
            raise CheckFailed(
                f"{WHAT} returned while {len(late)} child process(es) were still "
                "sleeping.",
                observed=f"returned at {end:.2f} s; pid {late[0].pid} still running at "
                f"{late[0].last_seen:.2f} s",
                expected="every child finished before the function returns",
                hint="join() every process before taking toc and returning; Python "
                "waits for leftover children only when the whole program exits",
                observation=obs,
            )
    missing = sorted({p.pid for p in procs} - obs.joined(before=obs.call_returned()))
    if missing:
        raise CheckFailed(
            f"{len(missing)} child process(es) were not joined before {WHAT} returned.",
            observed=f"no completed join() for pid {', '.join(map(str, missing))} "
            "before the return",
            expected="join() on every process you start, before returning",
            hint="a child that is not joined is only waited for by accident; keep "
            "the Process objects in a list and join each of them",
            observation=obs,
        )
    processes.none_left_running(obs)

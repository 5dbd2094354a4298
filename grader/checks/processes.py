"""Checks on the processes a program started: how many, which ran what, when they
lived, whether they were joined, whether any outlived the program.

A process counts only when the supervisor saw it (kernel start time, pid); what ran
inside it comes from the instrumentation, matched to that pid.
"""

from __future__ import annotations

from ..harness.observation import Line, Observation, Proc
from .failure import CheckFailed


def calling(
    obs: Observation, func: str, count: int, *, hint: str = "", exact: bool = True
) -> list[Proc]:
    """``count`` child processes, each seen by the grader, called ``func``."""
    procs = obs.process_callers(func)
    in_main = obs.callers(func).get(obs.main_pid, [])
    if (len(procs) == count) if exact else (len(procs) >= count):
        return procs
    if not procs and in_main:
        threads = obs.events_of("thread_run")
        where = "in threads of your main process" if threads else "in your main process"
        raise CheckFailed(
            f"{func}() ran {len(in_main)} time(s) {where}, never in a child process.",
            observed=f"0 child processes called {func}()",
            expected=f"{count} child processes, each running {func}()",
            hint=hint
            or f"calling {func}() directly, or threading.Thread instead of "
            "multiprocessing.Process",
            observation=obs,
        )
    raise CheckFailed(
        f"Expected {count} child processes running {func}(), saw {len(procs)}.",
        observed=f"{len(procs)} child process(es) called {func}()"
        + (f", plus {len(in_main)} call(s) in the main process" if in_main else ""),
        expected=f"{'exactly' if exact else 'at least'} {count}",
        hint=hint,
        observation=obs,
    )


def were_together(procs: list[Proc]) -> bool:
    """All the processes were alive at one moment (by the grader's own sampling)."""
    return max(p.start for p in procs) < min(p.last_seen for p in procs)


def overlapping(obs: Observation, procs: list[Proc], *, hint: str = "") -> None:
    """All the processes were alive at one moment (by the grader's own sampling)."""
    latest_start = max(p.start for p in procs)
    if not were_together(procs):
        first = min(procs, key=lambda p: p.last_seen)
        raise CheckFailed(
            "Your child processes did not run at the same time.",
            observed=f"pid {first.pid} had finished (by {first.end:.2f} s) before the "
            f"last one started ({latest_start:.2f} s)",
            expected="all of them alive at once",
            hint=hint
            or "join() right after each start() makes the program wait for "
            "one child before starting the next: start them all, then join them all",
            observation=obs,
        )


def lived_at_least(
    obs: Observation, procs: list[Proc], seconds: float, *, hint: str = ""
) -> None:
    """Every process lived at least ``seconds`` (its work was really done in it)."""
    short = [p for p in procs if p.end - p.start < seconds]
    if short:
        p = short[0]
        raise CheckFailed(
            f"A child process ended after {p.end - p.start:.2f} s, too soon to have "
            "done its work.",
            observed=f"pid {p.pid} lived {p.end - p.start:.2f} s",
            expected=f"at least {seconds:g} s",
            hint=hint
            or "the child was stopped early (terminate(), a daemon child when the "
            "program ends) or its target did not do the work",
            observation=obs,
        )


def exited_before(
    obs: Observation, procs: list[Proc], line: Line, *, label: str, hint: str = ""
) -> None:
    """Every process had exited when ``line`` arrived.

    Conservative in the student's favour: a process counts as still running only if
    the grader saw it running after the line had arrived.
    """
    late = [p for p in procs if p.last_seen > line.t]
    if late:
        raise CheckFailed(
            f"{label} was printed while child processes were still running.",
            observed=f"printed at {line.t:.2f} s; pid {late[0].pid} still running at "
            f"{late[0].last_seen:.2f} s",
            expected="printed after every child process has finished",
            hint=hint
            or "the main program does not wait for its children: call "
            "join() on each process before printing",
            observation=obs,
        )


def joined(obs: Observation, procs: list[Proc], *, hint: str = "") -> None:
    """The program joined every one of the processes (a join that waited to the end)."""
    missing = [p.pid for p in procs if p.pid not in obs.joined()]
    if missing:
        raise CheckFailed(
            f"{len(missing)} child process(es) were never joined.",
            observed=f"no completed join() for pid {', '.join(map(str, missing))}",
            expected="join() on every process you start",
            hint=hint
            or "a process that is not joined is waited for only by accident "
            "(or not at all, if it is a daemon)",
            observation=obs,
        )


def none_left_running(obs: Observation, *, hint: str = "") -> None:
    """Nothing the program started was still alive after the program ended."""
    if obs.left_running:
        raise CheckFailed(
            f"{len(obs.left_running)} process(es) were still running after your "
            "program ended; the grader killed them.",
            observed=f"pids {', '.join(map(str, obs.left_running))} outlived the program",
            expected="every process ends before the program does",
            hint=hint
            or "join every process you start; a process that escapes with "
            "os.setsid() or a double fork is never waited for",
            observation=obs,
        )


def none_started(obs: Observation, *, hint: str = "") -> None:
    """The program started no child process (a threads exercise)."""
    kids = obs.children()
    if kids:
        raise CheckFailed(
            f"Your program started {len(kids)} child process(es); this exercise is "
            "about threads.",
            observed=f"child pids {', '.join(str(p.pid) for p in kids)}",
            expected="threads in one process",
            hint=hint or "multiprocessing.Process where threading.Thread was asked for",
            observation=obs,
        )

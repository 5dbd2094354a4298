"""The seed's program, shared by exercises 01, 02, 03 and 09: two calls of
``sleepy_man()``, and what any version of it must print and how long it sleeps.

``sleepy_man()`` prints "Starting to sleep", sleeps 1 s and prints "Done sleeping".
Bounds, on the grader's clock (docs/harness.md has the measurements):
- a child that ran sleepy_man lived at least 0.9 s;
- two sleeps side by side span at most 1.6 s from the first "Starting" to the last
  "Done" (measured 1.02-1.13 s even under heavy load); two in a row span 2.0 s or more;
- the total the program prints is a claim, never a bound: it counts process
  start-up (a correct spawn program printed up to 2.36 s at a load average of 30
  here) and its clock can be patched; it is checked against the grader's clock.

The process version's shared steps are here too (03 runs it under fork, 09 under
every start method).
"""

from __future__ import annotations

from ..harness.observation import Line, Observation, Proc
from . import output, processes
from .completion import completed
from .failure import CheckFailed

STARTING = "Starting to sleep"
DONE = "Done sleeping"
TRACE = ("sleepy_man",)
PARALLEL_BOUND = 1.6
SLEEP = 1.0


def sleep_lines(obs: Observation, count: int = 2) -> tuple[list[Line], list[Line]]:
    completed(obs)
    starts = output.lines(
        obs,
        STARTING,
        count,
        label="'Starting to sleep' lines",
        hint=f"sleepy_man() should run {count} time(s)",
    )
    dones = output.lines(
        obs,
        DONE,
        count,
        label="'Done sleeping' lines",
        hint="a child that is stopped early (terminate(), a daemon child) never "
        "prints its 'Done sleeping'",
    )
    return starts, dones


def child_sleepers(obs: Observation, count: int = 2) -> list[Proc]:
    """``count`` child processes ran sleepy_man to the end."""
    completed(obs)
    procs = processes.calling(obs, "sleepy_man", count)
    processes.lived_at_least(obs, procs, SLEEP * 0.9)
    return procs


def slept_together(obs: Observation, procs: list[Proc]) -> None:
    processes.overlapping(obs, procs)
    starts, dones = sleep_lines(obs, len(procs))
    if max(s.t for s in starts) > min(d.t for d in dones):
        raise CheckFailed(
            "A child finished sleeping before the other one had started.",
            observed=" | ".join(line.text for line in obs.stdout()),
            expected="both 'Starting to sleep' lines before any 'Done sleeping'",
            hint="join() right after each start() waits for one child before "
            "starting the next: start both, then join both",
            observation=obs,
        )


def total_after_children(obs: Observation, procs: list[Proc]) -> Line:
    _, line = output.reported_seconds(obs)
    output.last_line(
        obs,
        output.DONE_IN,
        label="the 'Done in X.XXXX seconds' line",
        hint="'Done in' was printed before both children finished: did you join?",
    )
    processes.exited_before(
        obs,
        procs,
        line,
        label="'Done in'",
        hint="the program printed its total without waiting for its children: "
        "call join() on both processes before taking toc",
    )
    return line

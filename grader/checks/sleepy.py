"""Expectations shared by the sleepy_man programs (exercises 01, 02, 03 and 09).

``sleepy_man()`` prints "Starting to sleep", sleeps 1 s and prints "Done sleeping".
Bounds, on the grader's clock (docs/harness.md has the measurements):
- a child that ran sleepy_man lived at least 0.9 s;
- two sleeps side by side span at most 1.6 s from the first "Starting" to the last
  "Done" (measured 1.02-1.13 s even under heavy load); two in a row span 2.0 s or more.
"""

from __future__ import annotations

from ..harness.observation import Line, Observation, Proc
from . import output, processes, timing
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


def about_one_second(obs: Observation, procs: list[Proc]) -> None:
    starts, dones = sleep_lines(obs, len(procs))
    timing.span_at_most(
        obs,
        min(starts, key=lambda x: x.t),
        max(dones, key=lambda x: x.t),
        PARALLEL_BOUND,
        what="The two sleeps",
        hint="two 1-second sleeps side by side take about 1 s; 2 s means they ran "
        "one after the other",
    )
    reported, _ = output.reported_seconds(obs)
    if reported > PARALLEL_BOUND:
        raise CheckFailed(
            f"Your program reports {reported:.4f} seconds.",
            observed=f"Done in {reported:.4f} seconds",
            expected=f"about 1 second (at most {PARALLEL_BOUND:g})",
            hint="the children ran one after the other, or tic/toc are taken "
            "around more than the two sleeps",
            observation=obs,
            timing=True,
        )


def total_matches_clock(obs: Observation, procs: list[Proc], tolerance=0.3) -> None:
    """The printed total agrees with the grader's clock: from the first child's
    start to the arrival of the 'Done in' line."""
    reported, line = output.reported_seconds(obs)
    measured = line.t - min(p.start for p in procs)
    timing.agrees(obs, reported, measured, tolerance=tolerance)


def lines_from_children(obs: Observation, procs: list[Proc]) -> None:
    """Each 'Done sleeping' arrived at the end of a sleeping child's life, and the
    program itself never ran sleepy_man."""
    if obs.callers("sleepy_man").get(obs.main_pid):
        raise CheckFailed(
            "The main program called sleepy_man() itself.",
            observed="sleepy_man() ran in the main process",
            expected="sleepy_man() runs only in the two child processes",
            hint="pass the function as target=sleepy_man, without calling it: "
            "target=sleepy_man() runs it in the parent",
            observation=obs,
        )
    _, dones = sleep_lines(obs, len(procs))
    for d in dones:
        if not any(p.start + SLEEP * 0.9 <= d.t <= p.end + 0.25 for p in procs):
            raise CheckFailed(
                "A 'Done sleeping' line did not come from a child that had slept.",
                observed=f"'Done sleeping' at {d.t:.2f} s, when no child was "
                "finishing a 1-second sleep",
                expected="each 'Done sleeping' printed by a child at the end of its sleep",
                hint="printing the expected lines from the main program instead of "
                "letting the children do the work",
                observation=obs,
            )

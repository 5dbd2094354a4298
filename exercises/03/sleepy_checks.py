"""Expectations for exercise 03: two processes run sleepy_man() side by side and
are joined, and 'Done in' is printed last with the time it really took.

The shared steps (two children ran sleepy_man to the end, they slept together,
'Done in' came after both) are grader/checks/sleepy_man.py's, which exercise 09
uses too; what is 03's own is here.
"""

from __future__ import annotations

from grader.checks import output, processes, timing
from grader.checks.failure import CheckFailed
from grader.checks.sleepy_man import (
    DONE,
    PARALLEL_BOUND,
    SLEEP,
    STARTING,
    TRACE,
    child_sleepers,
    sleep_lines,
    slept_together,
    total_after_children,
)
from grader.harness.observation import Observation, Proc

__all__ = [
    "DONE",
    "STARTING",
    "TRACE",
    "about_one_second",
    "child_sleepers",
    "lines_from_children",
    "slept_together",
    "total_after_children",
    "total_matches_clock",
]
# How far a printed total may fall short of the children's lives: a program that
# takes tic just after its start() calls (the children already running, slowly
# started under load) is still right; the lesson's bug prints about 0.005 s.
TOTAL_SLACK = 0.3


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
        # Children the supervisor never saw alive together ran one after the
        # other: no re-run on a quiet machine would change that.
        timing=processes.were_together(procs),
    )
    # The printed total must at least cover the sleeps the grader saw: a total
    # taken before the children ended (the lesson's bug) is far below them. Its
    # upper side is not judged here (start-up under load makes a true total long;
    # total_matches_clock holds it to the grader's clock).
    reported, _line = output.reported_seconds(obs)
    slept = max(p.last_seen for p in procs) - min(p.start for p in procs)
    if reported < slept - TOTAL_SLACK:
        raise CheckFailed(
            f"Your program printed a total of {reported:.4f} s, but its children "
            f"slept for {slept:.2f} s.",
            observed=f"'Done in {reported:.4f} seconds'; the children lived "
            f"{slept:.2f} s by the grader's clock",
            expected="a total of about 1 second, covering both sleeps",
            hint="toc was taken before the children finished: did you join both "
            "processes before taking toc?",
            observation=obs,
        )


def total_matches_clock(obs: Observation, procs: list[Proc]) -> None:
    """The printed total lies between what the grader's clock allows.

    A correct program takes tic before starting its children and toc after they
    have ended, so its total is at least the span of the children's lives (from the
    kernel's start time of the first to the last time the grader saw one running,
    both of which err on the short side) and at most the time from the program's
    own start to the arrival of its 'Done in' line. Load cannot push a true total
    out of these bounds; a patched clock can.
    """
    reported, line = output.reported_seconds(obs)
    low = max(p.last_seen for p in procs) - min(p.start for p in procs)
    main = obs.proc(obs.main_pid)
    high = line.t - (main.start if main else 0.0)
    if low > high + 0.02:
        # No total could be right: the line came before the children had lived
        # that long (the lesson's bug), so there is no range to show.
        raise CheckFailed(
            "Your program printed its total before its children had finished.",
            observed=f"printed {reported:.4f} s at {line.t:.2f} s; the children "
            f"lived {low:.2f} s by the grader's clock",
            expected="'Done in' printed after both children ended, with their time",
            hint="join() both processes before taking toc and printing the total",
            observation=obs,
        )
    timing.between(
        obs,
        reported,
        low,
        high,
        tolerance=0.02,
        measured=f"by the grader's clock the children alone lived {low:.2f} s "
        f"and the whole program took {high:.2f} s",
        hint="take tic just before starting the work and toc just after it "
        "ends, with one clock, and do not patch the clock",
    )


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

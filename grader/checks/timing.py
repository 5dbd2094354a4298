"""Checks on time, always read from the grader's clock.

Margins (docs/harness.md has the measurements): two 1-second sleeps in parallel
take 1.02-1.13 s from the first "Starting" to the last "Done" even with 16 CPU
burners on a 2-core machine; in series they take at least 2.0 s. A bound of 1.6 s
sits between the two with room on both sides.
"""

from __future__ import annotations

from ..harness.observation import Line, Observation
from .failure import CheckFailed


def span_at_most(
    obs: Observation,
    first: Line,
    last: Line,
    seconds: float,
    *,
    what: str,
    hint="",
    timing: bool = True,
) -> float:
    """The time from ``first`` to ``last`` arriving is at most ``seconds``. A span
    too long may be a loaded machine's doing (``timing``: run it again alone before
    it counts), unless the caller has evidence it is not (``timing=False``)."""
    span = last.t - first.t
    if span > seconds:
        raise CheckFailed(
            f"{what} took {span:.2f} s.",
            observed=f"{span:.2f} s from {first.text!r} to {last.text!r} "
            "(measured by the grader)",
            expected=f"at most {seconds:g} s",
            hint=hint,
            observation=obs,
            timing=timing,
        )
    return span


def agrees(
    obs: Observation,
    reported: float,
    measured: float,
    *,
    tolerance: float,
    hint: str = "",
) -> None:
    """A total the program reports matches what the grader measured."""
    if abs(reported - measured) > tolerance:
        raise CheckFailed(
            "The total your program printed does not match the time it really took.",
            observed=f"printed {reported:.4f} s; the grader measured {measured:.2f} s",
            expected=f"within {tolerance:g} s of the grader's measurement",
            hint=hint
            or "take tic just before starting the work and toc just after it ends, "
            "with the same clock (time.time() or time.perf_counter())",
            observation=obs,
            timing=True,
        )


def between(
    obs: Observation,
    reported: float,
    low: float,
    high: float,
    *,
    tolerance: float,
    measured: str,
    hint: str,
) -> None:
    """A total the program reports lies between two spans the grader measured
    (``measured`` says which, in the student's terms): where the program's tic and
    toc may sit (before or after its start-up, its children's) only a range is
    right, never one number."""
    if low - tolerance <= reported <= high + tolerance:
        return
    raise CheckFailed(
        "The total your program printed does not match the time it really took.",
        observed=f"printed {reported:.4f} s; {measured}",
        expected=f"a total between {low:.2f} and {high:.2f} s",
        hint=hint,
        observation=obs,
    )

"""Checks on what the program printed (stdout lines, stamped on arrival)."""

from __future__ import annotations

import re

from ..harness.observation import Line, Observation
from .failure import CheckFailed

DONE_IN = r"Done in (\d+\.\d{4}) seconds"


def lines(
    obs: Observation,
    pattern: str,
    count: int | None = None,
    *,
    label: str | None = None,
    hint: str = "",
) -> list[Line]:
    """The stdout lines that match ``pattern`` (a whole-line regular expression);
    with ``count``, fail unless there are exactly that many."""
    found = obs.matching(pattern)
    if count is not None and len(found) != count:
        label = label or f"lines matching {pattern!r}"
        raise CheckFailed(
            f"Expected {count} {label}, found {len(found)}.",
            observed=f"{len(found)} {label} among {len(obs.stdout())} printed lines",
            expected=f"exactly {count}",
            hint=hint,
            observation=obs,
        )
    return found


def last_line(obs: Observation, pattern: str, *, label: str, hint: str = "") -> Line:
    """The last stdout line matches ``pattern``; returns it."""
    out = obs.stdout()
    if not out or not re.fullmatch(pattern, out[-1].text.strip()):
        raise CheckFailed(
            f"The last line printed should be {label}.",
            observed=repr(out[-1].text) if out else "nothing printed",
            expected=label,
            hint=hint,
            observation=obs,
        )
    return out[-1]


def reported_seconds(obs: Observation) -> tuple[float, Line]:
    """The total the program reports in its ``Done in X.XXXX seconds`` line."""
    found = lines(
        obs,
        DONE_IN,
        1,
        label="'Done in X.XXXX seconds' lines",
        hint="print the total once, as 'Done in {:.4f} seconds'.format(toc - tic)",
    )
    return float(re.fullmatch(DONE_IN, found[0].text.strip()).group(1)), found[0]

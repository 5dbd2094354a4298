"""How a check fails: what was observed, what was expected, the likely mistake,
and the timeline of the run, in words a student can act on."""

from __future__ import annotations

from ..harness.observation import Observation
from ..timeline import render


class CheckFailed(AssertionError):
    """Raised by every check; the pytest plugin shows it without a traceback."""

    def __init__(
        self,
        summary: str,
        *,
        observed: str = "",
        expected: str = "",
        hint: str = "",
        observation: Observation | None = None,
        timing: bool = False,
    ):
        self.summary = summary
        # A failure on a time bound alone: the batch grader re-runs it once, alone,
        # before it counts, in case the machine was too busy.
        self.timing = timing
        self.observed = observed
        self.expected = expected
        self.hint = hint
        self.observation = observation
        super().__init__(self.message())

    def message(self, timeline: bool = True) -> str:
        parts = [self.summary]
        if self.observed:
            parts.append(f"  observed:       {self.observed}")
        if self.expected:
            parts.append(f"  expected:       {self.expected}")
        if self.hint:
            parts.append(f"  likely mistake: {self.hint}")
        doubts = self.observation.unconfirmed if self.observation else []
        if doubts:
            # What the program's own processes reported but the grader could not
            # see: said, so that a forged or odd claim is not silently dropped.
            parts.append(f"  not confirmed:  {doubts[0]}")
            parts.extend(f"                  {d}" for d in doubts[1:3])
            if len(doubts) > 3:
                parts.append(f"                  and {len(doubts) - 3} more")
        if timeline and self.observation is not None:
            parts.append("")
            parts.append("Timeline of your processes:")
            parts.append(render(self.observation))
        return "\n".join(parts)

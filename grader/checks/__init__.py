"""Composable expectations over an :class:`~grader.harness.Observation`.

Each check either returns the evidence it found (so checks build on each other) or
raises :class:`CheckFailed` with what was observed, what was expected, the likely
mistake and a timeline. See docs/authoring.md for a worked example.
"""

from . import output, processes, timing
from .completion import completed, returned
from .failure import CheckFailed

__all__ = ["CheckFailed", "completed", "output", "processes", "returned", "timing"]

"""Run student code in child processes and observe it from outside.

Entry points: :func:`run_program` and :func:`call_function`; both return an
:class:`Observation`. See docs/harness.md.
"""

from .observation import CallResult, Event, Line, Observation, Proc, Worker
from .run import START_METHODS, HarnessError, Limits, call_function, run_program

__all__ = [
    "CallResult",
    "Event",
    "HarnessError",
    "Limits",
    "Line",
    "Observation",
    "Proc",
    "START_METHODS",
    "Worker",
    "call_function",
    "run_program",
]

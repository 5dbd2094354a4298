"""Interleavings the harness forces, so that a verdict never depends on luck.

A mistake such as collecting results in arrival order shows only when the workers
finish in an unlucky order. Rather than hope for it, a check asks for a schedule:
the instrumentation inside the student's processes delays chosen points, so the
run exposes the mistake every time, while a correct program passes under any
schedule. docs/authoring.md lists the schedules each exercise forces.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Schedule:
    # (n, seconds): the program's n-th child process (1 for the first one it
    # creates, in any start method) waits this long before it runs its target.
    late_start: tuple[tuple[int, float], ...] = ()
    # (n, seconds): the n-th thread the program itself starts (not the library's
    # own: a Queue's feeder, a pool's handlers) waits this long before its target.
    late_thread: tuple[tuple[int, float], ...] = ()
    # The program's children wait before their target until the program first
    # calls join() (at most this many seconds): children started together are
    # released together, however slowly a busy machine forks them.
    hold_until_join: float = 0.0

    def to_env(self) -> str:
        """What the instrumentation reads (GRADER_SCHEDULE)."""
        return json.dumps(
            {
                "late_start": {str(n): s for n, s in self.late_start},
                "late_thread": {str(n): s for n, s in self.late_thread},
                "hold_until_join": self.hold_until_join,
            }
        )


def second_thread_late(seconds: float = 0.2) -> Schedule:
    """The second thread starts its work ``seconds`` after the first: a program
    that joins only the first prints its total while the second still sleeps."""
    return Schedule(late_thread=((2, seconds),))


def reverse_finish(children: int, gap: float = 0.25) -> Schedule:
    """The children start their work in the reverse of the order they were
    created, ``gap`` apart: results collected in arrival order come back reversed,
    however the machine schedules them (only a stall of more than ``gap`` on the
    right child could restore the order, and every other order fails too)."""
    return Schedule(
        late_start=tuple((n, (children - n) * gap) for n in range(1, children))
    )


def together_until_joined(limit: float = 1.0) -> Schedule:
    """Children run their targets only once the program first joins one: a
    correct program (start all, then join all) has them all running at once on any
    machine; one that joins each child before starting the next runs them one at a
    time, every time."""
    return Schedule(hold_until_join=limit)

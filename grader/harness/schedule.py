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
    # Seconds each held child still waits once released: children started
    # together are seen alive together at least this long, however little work
    # each has (one that runs alone still runs alone).
    after_release: float = 0.0
    # (reads, seconds): in each child, the first `reads` reads of a shared
    # multiprocessing.Value are each followed by this pause, until the child sees
    # another process change the value during one (that read's write will then
    # overwrite it): an unlocked `counter.value += 1` loses an update every time.
    slow_shared_reads: tuple[int, float] = (0, 0.0)

    def to_env(self) -> str:
        """What the instrumentation reads (GRADER_SCHEDULE)."""
        return json.dumps(
            {
                "late_start": {str(n): s for n, s in self.late_start},
                "late_thread": {str(n): s for n, s in self.late_thread},
                "hold_until_join": self.hold_until_join,
                "after_release": self.after_release,
                "slow_shared_reads": list(self.slow_shared_reads),
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


def increments_collide(
    limit: float = 1.0, reads: int = 50, pause: float = 0.002
) -> Schedule:
    """together_until_joined, and each child pauses after reading a shared Value
    (its first ``reads`` reads, until it sees another child's write land in the
    pause): two unlocked read-add-write steps overlap, so an update is lost every
    time; under one shared lock nobody can write during the pause, and nothing is
    lost. A handful of increments then shows what 50,000 showed only by chance.
    Released children wait 50 ms more, so that a few increments still overlap."""
    return Schedule(
        hold_until_join=limit, after_release=0.05, slow_shared_reads=(reads, pause)
    )

"""Calls of a traced function (``observe.call(..., trace=("sleepy_man",))``): in
which process and thread each ran, and when, as the instrumentation reported it.

These are the program's own claims: checks use them to explain a mistake (a call
made in the main thread, at import time) and back every verdict on time with the
grader's own clock (line arrivals, the supervisor's view of processes).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..harness.observation import Observation


@dataclass
class Call:
    """One call of a traced function, as the instrumentation reported it."""

    pid: int
    thread: int | None
    start: float
    end: float | None  # None: it never returned (the process ended during the call)


def traced_calls(obs: Observation, func: str) -> list[Call]:
    """Every call of ``func`` in every process and thread, in call order."""
    calls: list[Call] = []
    open_calls: dict[tuple[int, object], Call] = {}
    for e in obs.events_of("call", "return"):
        if e.data.get("func") != func:
            continue
        key = (e.pid, e.data.get("thread"))
        if e.ev == "call":
            call = Call(e.pid, e.data.get("thread"), e.t, None)
            open_calls[key] = call
            calls.append(call)
        elif key in open_calls:
            open_calls.pop(key).end = e.t
    return calls


def main_window(obs: Observation) -> tuple[float, float] | None:
    """(start, end) of the checked call of ``main()``; None when the file was run
    as a program (then there is no call to frame)."""
    begin = obs.call_began()
    if begin is None:
        return None
    end = obs.call_returned()
    return begin, end if end is not None else obs.wall_time

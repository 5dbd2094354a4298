"""Which of the instrumentation's claims the supervisor's own view backs.

Events come from inside the student's processes, so a program can write any it
likes: "pid 4242 ran sleepy_man and was joined", naming a real ``/bin/sleep``
child. An event counts only when the supervisor saw its process as a descendant
running the run's own Python and alive when the event says it happened; a join
that claims a child finished counts only if that child is such a process too and
the supervisor did not see it running after the join returned. Everything else is
set aside with the reason, so a check can say which claims it could not confirm. A
student who really starts Python children is doing the exercise; the point is
that a claim alone never earns a point.
"""

from __future__ import annotations

from .observation import Event, Proc

# The supervisor polls every 10 to 25 ms and the kernel's start time has 10 ms
# steps: an honest event lies within this much of the life the supervisor saw.
SLACK = 0.06


def confirm(
    events: list[Event], processes: list[Proc], main_pid: int
) -> tuple[list[Event], list[str]]:
    """(the events the supervisor's view backs, one line per claim it does not)."""
    by_pid = {p.pid: p for p in processes}
    kept, doubts = [], []
    for e in events:
        why = _doubt(e, by_pid, main_pid)
        if why is None:
            kept.append(e)
        elif len(doubts) < 20:
            doubts.append(f"{_claim(e)} at {e.t:.2f} s: {why}")
    return kept, doubts


def _doubt(e: Event, by_pid: dict[int, Proc], main_pid: int) -> str | None:
    why = _not_alive_python(e.pid, e.t, by_pid)
    if why is not None or e.ev != "join_end" or not _claims_finished(e):
        # A start, stop or join that names a child only tells what the (confirmed)
        # parent did; it earns nothing unless that child is confirmed on its own.
        # A finished join is evidence about the child itself: it is checked.
        return why
    child = e.data.get("child")
    proc = by_pid.get(child) if isinstance(child, int) else None
    if proc is None or child == main_pid:
        return f"the grader never saw a child process {child!r}"
    if not proc.python:
        # multiprocessing's children run the program's Python, whatever the method
        return _not_alive_python(child, proc.start, {child: proc})
    if proc.last_seen > e.t + SLACK:
        return f"the grader saw pid {child} still running at {proc.last_seen:.2f} s"
    return None


def _not_alive_python(pid: int, t: float, by_pid: dict[int, Proc]) -> str | None:
    proc = by_pid.get(pid)
    if proc is None:
        return f"the grader never saw a process {pid}"
    if not proc.python:
        ran = ", ".join(proc.exes) or "an unknown program"
        return f"pid {pid} ran {ran}, not your program's Python"
    if not proc.start - SLACK <= t <= proc.end + SLACK:
        return (
            f"pid {pid} was seen alive only from {proc.start:.2f} s "
            f"to {proc.end:.2f} s"
        )
    return None


def _claims_finished(e: Event) -> bool:
    return e.data.get("timeout") is None or e.data.get("exitcode") is not None


def _claim(e: Event) -> str:
    what = {
        "proc_run": f"pid {e.pid} ran {e.data.get('target') or 'a target'}",
        "join_end": f"pid {e.pid} joined child {e.data.get('child')!r}",
        "call": f"pid {e.pid} called {e.data.get('func')}",
    }
    return what.get(e.ev, f"a {e.ev!r} event from pid {e.pid}")


def claimed_processes(
    events: list[Event], main_pid: int, wall_time: float
) -> list[Proc]:
    """Where the supervisor cannot see processes at all (no /proc: macOS, a
    student's own machine), their lives as the program's processes report them.

    Only ever used for a run the supervisor could not watch, which is never a
    graded one (graders run on Linux with /proc, and the isolated mode mounts its
    own); checks then judge from these claims so that a correct program on a
    student's laptop is not failed for want of evidence.
    """
    starts: dict[int, float] = {}
    ends: dict[int, float] = {}
    cpu: dict[int, float] = {}
    parents: dict[int, int] = {}
    for e in events:
        child = e.data.get("child")
        if e.ev == "proc_start" and isinstance(child, int):
            starts[child] = min(starts.get(child, e.t), e.t)
            parents.setdefault(child, e.pid)
        elif e.ev == "proc_run" and e.pid != main_pid:
            starts[e.pid] = min(starts.get(e.pid, e.t), e.t)
            parents[e.pid] = e.ppid
        elif e.ev == "proc_exit" and e.pid != main_pid:
            ends[e.pid] = e.t
            if isinstance(e.data.get("cpu"), (int, float)):
                cpu[e.pid] = float(e.data["cpu"])
        elif e.ev in ("join_end", "terminate", "kill") and isinstance(child, int):
            if e.ev != "join_end" or _claims_finished(e):
                ends.setdefault(child, e.t)
    procs = [Proc(main_pid, 0, 0.0, wall_time, wall_time, 0.0, 1, "", python=True)]
    for pid, start in sorted(starts.items()):
        end = max(ends.get(pid, wall_time), start)
        procs.append(
            Proc(
                pid,
                parents[pid],
                start,
                end,
                end,
                cpu.get(pid, 0.0),
                1,
                "",
                python=True,
            )
        )
    return procs

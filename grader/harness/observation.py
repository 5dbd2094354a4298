"""One observation of one student run: plain data, JSON in and out.

Times are seconds since the run started, on the supervisor's clock (the system's
monotonic clock, read in a process the student does not control).

Two kinds of evidence meet here and are kept apart on purpose:
- ``processes`` and ``lines`` come from the supervisor: the kernel's start time of
  every descendant, when it was last seen running, its CPU time; every output line
  with its arrival time. The student cannot forge these.
- ``events`` come from the instrumentation inside the student's processes (which
  pid ran which target, joins, calls of traced functions). They are claims. A
  claim counts only when the supervisor's view backs it (``claims.py`` sets
  the others aside in ``unconfirmed``, with the reason).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Processes multiprocessing starts for itself, not for the student's targets.
from .supervisor import HELPER_MARKERS

# Threads the standard library starts for itself (a Queue's feeder, a pool's
# handlers, a Manager's server), by their target's full name. The instrumentation
# keeps its own copy (_grader_probe._LIBRARY_THREADS): it cannot import the grader.
LIBRARY_THREADS = ("multiprocessing.", "concurrent.", "threading.", "queue.")


@dataclass
class Line:
    t: float
    stream: str  # "stdout" or "stderr"
    text: str


@dataclass
class Proc:
    """A descendant process as the supervisor saw it."""

    pid: int
    ppid: int
    start: float  # the kernel's start time (10 ms resolution)
    last_seen: float  # last poll that found it running
    gone: float | None  # first poll that found it exited; None if never seen gone
    cpu: float  # user + system seconds at the last poll
    max_threads: int
    cmdline: str
    exes: tuple[str, ...] = ()  # every file the kernel saw it run (/proc/PID/exe)
    python: bool = False  # it only ever ran the run's own Python

    @property
    def end(self) -> float:
        """Best estimate of the exit time (it lies between last_seen and gone)."""
        return self.gone if self.gone is not None else self.last_seen


@dataclass
class Event:
    t: float
    ev: str
    pid: int
    ppid: int
    data: dict = field(default_factory=dict)


@dataclass
class Worker:
    """A child process that ran a target, with the supervisor's record of it (a
    claim the supervisor's view does not back never becomes a Worker: claims.py)."""

    pid: int
    target: str
    args: str
    proc: Proc
    exitcode: int | None


@dataclass
class CallResult:
    """What a called function did: returned a value, raised, or never got called."""

    status: str  # returned | raised | import_error | missing | no_result
    function: str = ""
    value: object = None
    type: str = ""
    message: str = ""
    traceback: str = ""
    value_type: str = ""  # set when the value returned was not plain data
    value_repr: str = ""  # ... and how it printed


@dataclass
class Observation:
    command: list[str]
    start_method: str | None
    main_pid: int
    exit_code: int | None
    signal: int | None
    wall_time: float  # from spawn to the program's exit, supervisor's clock
    timed_out: bool
    timeout: float
    truncated: bool
    stop_reason: str | None  # None, "timeout", "output"
    lines: list[Line]
    processes: list[Proc]
    events: list[Event]
    left_running: list[int]  # descendants alive after the program ended (then killed)
    call: CallResult | None = None
    trusted_pids: bool = True  # False when the supervisor could not see the tree
    notes: list[str] = field(default_factory=list)
    sandbox: str = ""  # the mode the run had: isolated, dropped or plain
    unconfirmed: list[str] = field(default_factory=list)  # claims set aside, why

    # -- output -----------------------------------------------------------------
    def stdout(self) -> list[Line]:
        return [line for line in self.lines if line.stream == "stdout"]

    def stderr_text(self) -> str:
        return "\n".join(line.text for line in self.lines if line.stream == "stderr")

    def matching(self, pattern: str) -> list[Line]:
        """stdout lines that match the regular expression as a whole line."""
        regex = re.compile(pattern)
        return [line for line in self.stdout() if regex.fullmatch(line.text.strip())]

    # -- the checked call -------------------------------------------------------
    def call_began(self) -> float | None:
        """When the checked function was called; None when the file was run as a
        program (then there is no call to frame)."""
        begins = [e.t for e in self.events_of("call_begin") if e.pid == self.main_pid]
        return begins[0] if begins else None

    def call_returned(self) -> float | None:
        """When the checked function returned or raised (the instrumentation's
        claim, on the grader's clock); None if it never did."""
        ends = [e for e in self.events_of("call_end") if e.pid == self.main_pid]
        return ends[0].t if ends else None

    def call_end_event(self) -> Event | None:
        """The instrumentation's report of the call's end (with its queue counts)."""
        ends = [e for e in self.events_of("call_end") if e.pid == self.main_pid]
        return ends[0] if ends else None

    # -- processes --------------------------------------------------------------
    def proc(self, pid: int) -> Proc | None:
        for p in self.processes:
            if p.pid == pid:
                return p
        return None

    def children(self) -> list[Proc]:
        """Every descendant of the program except multiprocessing's own helpers."""
        # Forkserver children inherit the server's command line: a pid that ran a
        # target is a child of the student's whatever its command line says.
        ran_target = {w.pid for w in self.workers()}
        return [
            p
            for p in self.processes
            if p.pid != self.main_pid and (p.pid in ran_target or not _is_helper(p))
        ]

    def events_of(self, *kinds: str) -> list[Event]:
        return [e for e in self.events if e.ev in kinds]

    def workers(self, target: str | None = None) -> list[Worker]:
        """Child processes that ran a target (optionally one whose name ends with
        ``target``), one per pid, with the supervisor's record of each."""
        found: dict[int, Worker] = {}
        for e in self.events_of("proc_run"):
            proc = self.proc(e.pid)
            if e.pid == self.main_pid or e.pid in found or proc is None:
                continue
            name = e.data.get("target") or ""
            if target is not None and not _names_match(name, target):
                continue
            found[e.pid] = Worker(e.pid, name, e.data.get("args", ""), proc, None)
        # A child stopped before it reached its target (terminated, killed, a
        # daemon at exit) is still the program's worker: by the target it was
        # started with, so the verdict does not depend on how far it got.
        for e in self.events_of("proc_start"):
            pid = e.data.get("child")
            proc = self.proc(pid) if isinstance(pid, int) else None
            # Only a child the supervisor saw run nothing but Python: a forged
            # start naming another real process is no worker.
            if e.pid != self.main_pid or pid in found or proc is None:
                continue
            if not proc.python:
                continue
            name = e.data.get("target") or ""
            if target is not None and not _names_match(name, target):
                continue
            found[pid] = Worker(pid, name, e.data.get("args", ""), proc, None)
        for e in self.events_of("proc_exit"):
            if e.pid in found:
                found[e.pid].exitcode = e.data.get("exitcode")
        return list(found.values())

    def callers(self, func: str) -> dict[int, list[tuple[float, float | None]]]:
        """pid -> [(call time, return time)] for a traced function, as claimed."""
        calls: dict[int, list[tuple[float, float | None]]] = {}
        open_calls: dict[tuple[int, int], float] = {}
        for e in self.events_of("call", "return"):
            if e.data.get("func") != func:
                continue
            key = (e.pid, e.data.get("thread"))
            if e.ev == "call":
                open_calls[key] = e.t
            elif key in open_calls:
                calls.setdefault(e.pid, []).append((open_calls.pop(key), e.t))
        for (pid, _thread), t in open_calls.items():
            calls.setdefault(pid, []).append((t, None))
        return calls

    def process_callers(self, func: str) -> list[Proc]:
        """Confirmed child processes (not the program itself) that called ``func``."""
        return [
            p
            for pid in self.callers(func)
            if pid != self.main_pid and (p := self.proc(pid)) is not None
        ]

    def joined(self, *, before: float | None = None) -> set[int]:
        """pids the program joined to the end (a join without timeout, or one that
        returned with the child finished), by the time ``before`` if given (the
        checked call's return, say); not the joins multiprocessing itself does at
        exit for children the program forgot."""
        return {
            e.data["child"]
            for e in self.events_of("join_end")
            if e.data.get("child") is not None
            and not e.data.get("auto")
            and (e.data.get("timeout") is None or e.data.get("exitcode") is not None)
            and (before is None or e.t <= before)
        }


def _names_match(name: str, wanted: str) -> bool:
    """'sleepers.sleepy_man' matches 'sleepy_man'; 'x.Sleeper.run' matches 'run'."""
    return name == wanted or name.endswith("." + wanted)


def _is_helper(proc: Proc) -> bool:
    return any(marker in proc.cmdline for marker in HELPER_MARKERS)

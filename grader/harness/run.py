"""Run a student's program, or one function of a student's module, and observe it.

The process that calls these functions never imports the student's code. It starts
the supervisor (``supervisor.py``), which starts the student's Python with the
instrumentation of ``child/`` on its path, and turns the supervisor's report and the
instrumentation's events into one :class:`~grader.harness.observation.Observation`.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .claims import claimed_processes, confirm
from .observation import CallResult, Event, Line, Observation, Proc
from .sandbox import Policy, die_with_parent, open_box
from .schedule import Schedule
from .untrusted import Untrusted, read_bounded

HERE = Path(__file__).resolve().parent
CHILD_DIR = HERE / "child"
SUPERVISOR = HERE / "supervisor.py"
START_METHODS = ("fork", "spawn", "forkserver")
# Far above what an honest run writes (20,000 events; a returned list of a
# million numbers), far below what would hurt the grader.
MAX_EVENTS_BYTES = 16 * 2**20
MAX_RESULT_BYTES = 64 * 2**20


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds for the whole program
    output_cap: int = 1_000_000  # bytes of stdout + stderr kept; beyond, the run stops
    linger: float = 0.5  # seconds children may outlive the program before being killed


class HarnessError(RuntimeError):
    """The harness itself could not run (not the student's fault)."""


def run_program(
    path: str | os.PathLike,
    *,
    start_method: str | None = None,
    limits: Limits = Limits(),
    trace: tuple[str, ...] = (),
    python_path: tuple[str | os.PathLike, ...] = (),
    sandbox: Policy | None = None,
    schedule: Schedule | None = None,
) -> Observation:
    """Run ``python PATH`` and observe it."""
    options = (start_method, limits, trace, python_path, sandbox, schedule)
    return _observe(Path(path).resolve(), None, *options)


def call_function(
    path: str | os.PathLike,
    function: str,
    args: list | tuple = (),
    kwargs: dict | None = None,
    *,
    start_method: str | None = None,
    limits: Limits = Limits(),
    trace: tuple[str, ...] = (),
    python_path: tuple[str | os.PathLike, ...] = (),
    sandbox: Policy | None = None,
    schedule: Schedule | None = None,
) -> Observation:
    """Import the module at PATH under its own name in a child and call FUNCTION.

    Arguments and the return value travel as JSON; ``{"$ref": "module:name"}`` in
    the arguments stands for an importable object (a module on ``python_path``).
    ``schedule`` forces an interleaving (grader/harness/schedule.py).
    """
    call = {"function": function, "args": list(args), "kwargs": dict(kwargs or {})}
    options = (start_method, limits, trace, python_path, sandbox, schedule)
    return _observe(Path(path).resolve(), call, *options)


def _observe(path, call, start_method, limits, trace, python_path, policy, schedule):
    if start_method is not None and start_method not in START_METHODS:
        raise ValueError(f"unknown start method {start_method!r}")
    box = open_box(policy or Policy.from_env())
    try:
        # Everything the run needs is copied into its own place: in the isolated
        # mode the course, the submissions and /tmp are covered while it runs.
        run_dir = box.run_dir
        child = _copy_modules(CHILD_DIR, run_dir / "child")
        student = _copy_modules(path.parent, run_dir / "student")
        extra = [
            _copy_modules(Path(p), run_dir / f"lib{i}")
            for i, p in enumerate(python_path)
        ]
        work = box.owned_dir("work")
        events = box.owned_file("events.jsonl")
        result = box.owned_dir("out") / "result.json"
        acks = run_dir / "seen"
        acks.mkdir()
        token = secrets.token_hex(8)
        if call is None:
            argv = [box.python, str(student / path.name)]
        else:
            call_file = run_dir / "call.json"
            call_file.write_text(json.dumps(call), encoding="utf-8")
            argv = [
                box.python,
                str(child / "_grader_call.py"),
                str(student),
                path.stem,
                call["function"],
                str(call_file),
                str(result),
            ]
        env = _child_env(events, token, start_method, trace, [child, *extra], work)
        env["GRADER_ACK_DIR"] = str(acks)
        if schedule is not None:
            env["GRADER_SCHEDULE"] = schedule.to_env()
        spec = {
            "argv": argv,
            "cwd": str(work),
            "env": env,
            "timeout": limits.timeout,
            "output_cap": limits.output_cap,
            "linger": limits.linger,
            "ack_dir": str(acks),
            "sandbox": box.spec,
        }
        report = _supervise(box.launcher, spec, token, limits)
        if "setup_error" in report:
            raise HarnessError(report["setup_error"])
        obs = _assemble(
            report,
            argv,
            start_method,
            limits,
            (run_dir, str(events.relative_to(run_dir))),
            (run_dir, str(result.relative_to(run_dir))),
            call,
            os.path.realpath(box.python),
        )
        obs.sandbox = box.policy.mode
        return obs
    finally:
        box.close()


def _copy_modules(source: Path, dest: Path, limit: int = 64) -> Path:
    """The .py files of a folder (not its subfolders: a module's neighbours)."""
    dest.mkdir()
    for i, path in enumerate(sorted(source.glob("*.py"))):
        if i >= limit:
            break
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 1 << 20:
            shutil.copyfile(path, dest / path.name)
    return dest


def _child_env(events, token, start_method, trace, python_path, home):
    # Built from nothing rather than inherited: PYTHONUNBUFFERED, PYTHONSTARTUP or a
    # stray PYTHONPATH in the grader's environment must not change the student's run.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": os.pathsep.join(str(p) for p in python_path),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "GRADER_EVENTS": str(events),
        "GRADER_RUN_TOKEN": token,
    }
    if trace:
        env["GRADER_TRACE"] = ",".join(trace)
    if start_method:
        env["GRADER_START_METHOD"] = start_method
    return env


def _supervise(launcher, spec, token, limits):
    proc = subprocess.Popen(
        [*die_with_parent(), *launcher, sys.executable, "-I", "-S", str(SUPERVISOR)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(
            json.dumps(spec).encode(), timeout=limits.timeout + 60
        )
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    try:
        return json.loads(out)
    except ValueError:
        # The student killed its watcher (same uid, SIGKILL): clean up by the token
        # every process of this run carries in its environment.
        killed = kill_by_token(token)
        return {
            "lost": True,
            "supervisor_status": proc.returncode,
            "supervisor_stderr": err.decode("utf-8", "replace")[-2000:],
            "killed": killed,
        }


def kill_by_token(token: str) -> list[int]:
    """SIGKILL every process whose environment carries this run's token."""
    needle = f"GRADER_RUN_TOKEN={token}".encode()
    killed = []
    for _ in range(20):
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    if needle in f.read().split(b"\0"):
                        found.append(int(entry))
            except OSError:
                continue
        if not found:
            break
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except OSError:
                pass
    return sorted(set(killed))


def _assemble(
    report, argv, start_method, limits, events_at, result_at, call, python_exe
):
    # events_at, result_at: (the run's folder, a name in it the student may replace)
    if report.get("lost"):
        return Observation(
            command=argv,
            start_method=start_method,
            main_pid=0,
            exit_code=None,
            signal=None,
            wall_time=0.0,
            timed_out=False,
            timeout=limits.timeout,
            truncated=False,
            stop_reason="watcher_killed",
            lines=[],
            processes=[],
            events=[],
            left_running=report["killed"],
            call=(
                CallResult("no_result", call["function"]) if call is not None else None
            ),
            trusted_pids=False,
            notes=[
                "The program killed the process that was watching it, so nothing "
                "it did could be observed."
            ],
        )
    t0 = report["t0"]
    lines = [
        Line(round(x["t"] - t0, 6), x["stream"], x["text"]) for x in report["lines"]
    ]
    processes = [
        Proc(
            pid=p["pid"],
            ppid=p["ppid"],
            start=round(p["start"] - t0, 6),
            last_seen=round(p["last_seen"] - t0, 6),
            gone=None if p["gone"] is None else round(p["gone"] - t0, 6),
            cpu=p["cpu"],
            max_threads=p["max_threads"],
            cmdline=p["cmdline"],
            exes=tuple(p["exes"]),
            python=bool(p["exes"]) and set(p["exes"]) == {python_exe},
        )
        for p in report["processes"]
    ]
    events = _read_events(events_at, t0)
    unconfirmed, notes = [], []
    wall_time = round(report["main_end"] - t0, 6)
    sees_processes = bool(report.get("sees_processes"))
    if sees_processes:
        events, unconfirmed = confirm(events, processes, report["main_pid"])
    else:
        processes = claimed_processes(events, report["main_pid"], wall_time)
        notes.append(
            "This machine has no /proc (macOS, for one): the checks judged your "
            "processes from what they reported about themselves. Your grade is "
            "decided on a machine where the grader watches them itself."
        )
    if not report.get("subreaper"):
        notes.append(
            "The supervisor could not become a subreaper: escaped orphans "
            "may not be seen."
        )
    return Observation(
        command=argv,
        start_method=start_method,
        main_pid=report["main_pid"],
        exit_code=report["exit_code"],
        signal=report["signal"],
        wall_time=wall_time,
        timed_out=report["timed_out"],
        timeout=limits.timeout,
        truncated=report["truncated"],
        stop_reason=report["stop_reason"],
        lines=lines,
        processes=processes,
        events=events,
        left_running=report["left_running"],
        call=_read_result(result_at, call["function"]) if call is not None else None,
        trusted_pids=bool(report.get("subreaper")) and sees_processes,
        notes=notes,
        unconfirmed=unconfirmed,
    )


def _read_events(at, t0, limit=20000):
    events = []
    try:
        # An endless file yields its first part: the events it starts with.
        data = read_bounded(*at, MAX_EVENTS_BYTES, whole=False)
    except OSError:
        return events  # replaced, a FIFO, endless or gone: no evidence
    for raw in data.splitlines():
        if len(events) >= limit:
            break
        try:
            rec = json.loads(raw)
            t, ev = float(rec.pop("t")), str(rec.pop("ev"))
            pid, ppid = int(rec.pop("pid")), int(rec.pop("ppid"))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # a torn or forged line is simply not evidence
        events.append(Event(round(t - t0, 6), ev, pid, ppid, rec))
    events.sort(key=lambda e: e.t)
    return events


def _read_result(at, function):
    try:
        data = json.loads(read_bounded(*at, MAX_RESULT_BYTES))
    except Untrusted as exc:
        return CallResult("no_result", function, message=str(exc))
    except (OSError, ValueError):
        return CallResult("no_result", function)
    if not isinstance(data, dict) or "status" not in data:
        return CallResult("no_result", function)
    known = {"status", "value", "type", "message", "traceback"}
    known |= {"value_type", "value_repr"}
    return CallResult(
        function=function, **{k: v for k, v in data.items() if k in known}
    )

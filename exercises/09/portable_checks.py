"""Expectations for exercise 09: start methods and the main guard.

The program of exercise 03 (two sleepy_man() processes, started, then joined,
'Done in' last, about 1 s) must print the right output whichever start method is
the platform's default: fork, spawn or forkserver. The harness changes the default
without "setting" it, as a platform would, so a program that forces a method of
its own still can.

Before the shared checks of the seed's program (grader/checks/sleepy_man.py), each run is
searched for the typical start-method failures, each explained in its own words:
- an unpicklable target (a lambda, a nested function): the parent's start() fails
  with "Can't pickle local object" or PicklingError;
- the missing main guard: every spawn/forkserver child re-runs the file's top level
  and stops with "RuntimeError: ... bootstrapping phase", or starts processes of
  its own, or repeats top-level prints and set_start_method() calls;
- a program hard-wired to fork (set_start_method("fork"), get_context("fork")): it
  "works" everywhere here, but its children were forked although the default was
  spawn or forkserver (the method is the parent's instrumentation's claim,
  corroborated by the supervisor: a spawned child runs a fresh interpreter).
Forcing "spawn" is accepted: it is the one method every platform has.
"""

from __future__ import annotations

import re

from grader.harness.observation import Observation, Proc
from grader.checks import output, sleepy_man, timing
from grader.checks.completion import completed
from grader.checks.failure import CheckFailed
from grader.checks.calls import main_window, traced_calls

TRACE = sleepy_man.TRACE
PORTABLE = "spawn"  # available on Linux, macOS and Windows
EXPECTED_LINES = 5  # Starting, Starting, Done, Done, Done in
CLOCK_TOLERANCE = 0.3

# The error line itself: "AttributeError: Can't pickle local object ...",
# "_pickle.PicklingError: Can't pickle <function <lambda> ...>",
# "TypeError: cannot pickle '_thread.lock' object".
_PICKLE = re.compile(r"^[\w.]*(?:Error|Exception): .*pickl.*$", re.I | re.M)
_BOOTSTRAP = "bootstrapping phase"
_CONTEXT_SET = "context has already been set"


def _where(method: str) -> str:
    """Which run a message is about: the platform's default, not necessarily the
    method the program ended up using."""
    return f"With '{method}' as the default start method"


def _error_text(obs: Observation) -> str:
    text = obs.stderr_text()
    call = obs.call
    if call is not None and call.status in ("raised", "import_error"):
        text += f"\n{call.traceback}\n{call.type}: {call.message}"
    return text


def _count(text: str, needle: str) -> int:
    return text.count(needle)


def diagnose(obs: Observation, method: str) -> None:
    """Fail with the lesson's explanation when a run shows a start-method mistake."""
    errors = _error_text(obs)
    pickle = _PICKLE.search(errors)
    if pickle:
        raise CheckFailed(
            f"{_where(method)}, your program could not send its target to the "
            "children: the target cannot be pickled.",
            observed=pickle.group(0).strip()[:200],
            expected="a target the child can import by name: a function defined at "
            "the top level of your module, such as sleepy_man",
            hint="spawn and forkserver children are fresh Pythons: the parent "
            "pickles the target (its module and name) and the child imports it. A "
            "lambda or a function defined inside main() has no importable name; fork "
            "hides this because the child gets a copy of the parent's memory. Pass "
            "target=sleepy_man",
            observation=obs,
        )
    if _BOOTSTRAP in errors:
        n = _count(errors, _BOOTSTRAP)
        raise CheckFailed(
            f"{_where(method)}, each child re-ran your file's top level and tried "
            "to start processes of its own.",
            observed=f"RuntimeError: 'An attempt has been made to start a new process "
            f"before the current process has finished its bootstrapping phase' "
            f"({n} time(s))",
            expected="children that only run sleepy_man()",
            hint="a spawn or forkserver child imports your file again before it "
            "runs its target, so every statement at the top level runs again in the "
            "child: the call of main() at the bottom starts new processes from "
            "inside a child. Call main() only under  if __name__ == '__main__':",
            observation=obs,
        )
    if _CONTEXT_SET in errors:
        raise CheckFailed(
            f"{_where(method)}, a child re-ran set_start_method() at your file's "
            "top level and failed.",
            observed="RuntimeError: context has already been set",
            expected="set_start_method() called once, by the program, not by its "
            "children",
            hint="a spawn or forkserver child imports your file again: code at the "
            "top level runs again in every child. Move it under  "
            "if __name__ == '__main__':",
            observation=obs,
        )


def _grandchildren(obs: Observation) -> list[Proc]:
    kids = {p.pid for p in obs.children()}
    return [p for p in obs.children() if p.ppid in kids]


def no_runaway_processes(obs: Observation, method: str) -> None:
    """Only the program starts processes; its children do not start their own."""
    runaway = _grandchildren(obs)
    sleepers = obs.process_callers("sleepy_man")
    if runaway or len(sleepers) > 2:
        raise CheckFailed(
            f"{_where(method)}, your processes started processes of their own.",
            observed=f"{len(sleepers)} child processes ran sleepy_man(); "
            f"{len(runaway)} process(es) were started by a child",
            expected="the program starts two children; the children start nothing",
            hint="a spawn or forkserver child imports your file again: code at the "
            "top level that starts processes runs again in every child. Call main() "
            "only under  if __name__ == '__main__':",
            observation=obs,
        )


def _method_of(obs: Observation, proc: Proc) -> str | None:
    """How the program started this child: the parent's claim, corroborated by
    what the supervisor saw (a spawned child runs 'multiprocessing.spawn')."""
    for e in obs.events_of("proc_start"):
        if e.data.get("child") == proc.pid and e.pid == obs.main_pid:
            claimed = e.data.get("method")
            if claimed == "fork" and "multiprocessing.spawn" in proc.cmdline:
                return "spawn"
            return claimed
    return None


def started_with(obs: Observation, procs: list[Proc], method: str) -> None:
    """The children were started with the platform's default ``method`` (or with
    spawn, which every platform has): the program does not force fork."""
    used = {_method_of(obs, p) for p in procs} - {None}
    wrong = sorted(used - {method, PORTABLE})
    if not wrong:
        return
    forced = wrong[0]
    if forced == "fork":
        why = (
            "set_start_method('fork') or get_context('fork') makes the program "
            "ignore the platform: Windows has no fork, macOS defaults to spawn "
            "because fork can crash there, and Linux moves to forkserver in Python "
            "3.14. Remove it and make the program correct under spawn"
        )
    else:
        why = (
            f"'{forced}' does not exist on every platform (Windows has only spawn). "
            "Use the platform's default, or spawn if you must choose one"
        )
    raise CheckFailed(
        f"Your program forces the '{forced}' start method: with '{method}' as the "
        f"platform's default, its children were still started with '{forced}'.",
        observed=f"children started with '{forced}'",
        expected=f"children started the platform's way ('{method}'), or with "
        f"'{PORTABLE}', the one method every platform has",
        hint=why,
        observation=obs,
    )


def lesson_lines(obs: Observation, method: str) -> None:
    """Exactly the lesson's five lines; a top-level print repeated by every spawn
    child shows up here."""
    printed = [line.text.strip() for line in obs.stdout()]
    if len(printed) == EXPECTED_LINES:
        return
    lesson = {sleepy_man.STARTING, sleepy_man.DONE}
    extra = [
        t for t in printed if t not in lesson and not re.fullmatch(r"Done in.*", t)
    ]
    repeated = sorted({t for t in extra if extra.count(t) > 1})
    hint = "print only what the lesson's program prints"
    if repeated:
        hint = (
            f"{repeated[0]!r} was printed {extra.count(repeated[0])} times: a "
            "print at the top level of your file runs again in every spawn or "
            "forkserver child. Move it into main()"
        )
    raise CheckFailed(
        f"{_where(method)}, your program printed {len(printed)} lines, not the "
        "lesson's five.",
        observed=" | ".join(printed) or "nothing printed",
        expected="Starting to sleep | Starting to sleep | Done sleeping | "
        "Done sleeping | Done in X.XXXX seconds",
        hint=hint,
        observation=obs,
    )


def sleeps_side_by_side(obs: Observation) -> float:
    """From the first 'Starting' to the last 'Done' (grader's clock): at most 1.6 s.

    Unlike exercise 03, the printed total is not bounded here: it includes the
    start-up of two fresh interpreters under spawn, which a loaded machine can
    stretch towards 1.6 s by itself (docs: 1.48-1.58 s at 16 CPU burners), while
    the span between the lines stays at 1.02-1.13 s. The total's honesty is a
    check of its own (total_matches_clock)."""
    starts = obs.matching(sleepy_man.STARTING)
    dones = obs.matching(sleepy_man.DONE)
    return timing.span_at_most(
        obs,
        min(starts, key=lambda x: x.t),
        max(dones, key=lambda x: x.t),
        sleepy_man.PARALLEL_BOUND,
        what="The two sleeps",
        hint="two 1-second sleeps side by side take about 1 s; 2 s means the "
        "children ran one after the other: start both, then join both",
    )


def total_matches_clock(obs: Observation, procs: list[Proc]) -> None:
    """The printed total lies between two spans on the grader's clock, ending when
    'Done in' arrived: from the first child's start (tic came before it) and from the
    program's own start (tic came after it), each with a margin.

    A single span (exercise 03's total_matches_clock) suits fork; under spawn and
    forkserver the parent spends a loaded fraction of a second between tic and the
    first child (the forkserver itself boots in between), so the total can only
    be bracketed."""
    reported, line = output.reported_seconds(obs)
    low = line.t - min(p.start for p in procs)
    main = obs.proc(obs.main_pid)
    high = line.t - main.start if main is not None else obs.wall_time
    timing.between(
        obs,
        reported,
        low,
        high,
        tolerance=CLOCK_TOLERANCE,
        measured=f"by the grader's clock the children's work took {low:.2f} s and "
        f"the whole program {high:.2f} s",
        hint="take tic just before starting the children and toc just after "
        "joining them, with the same clock (time.time() or time.perf_counter()); "
        "do not patch or scale the clock",
    )


def works_under(obs: Observation, method: str) -> list[Proc]:
    """The whole program of exercise 03, correct in a run whose default start
    method was ``method``; returns the two children."""
    diagnose(obs, method)
    try:
        completed(obs)
        no_runaway_processes(obs, method)
        procs = sleepy_man.child_sleepers(obs)
        started_with(obs, procs, method)
        sleepy_man.slept_together(obs, procs)
        sleepy_man.total_after_children(obs, procs)
        sleeps_side_by_side(obs)
        lesson_lines(obs, method)
    except CheckFailed as exc:
        if exc.summary.startswith((_where(method), "Your program forces")):
            raise
        raise CheckFailed(
            f"{_where(method)}: {exc.summary}",
            observed=exc.observed,
            expected=exc.expected,
            hint=exc.hint,
            observation=exc.observation,
        ) from None
    return procs


def import_starts_nothing(obs: Observation) -> list[Proc]:
    """Importing the module runs nothing; calling main() then runs the program."""
    diagnose(obs, obs.start_method or "fork")
    completed(obs)
    window = main_window(obs)
    begin = window[0] if window is not None else obs.wall_time
    early_starts = [
        e for e in obs.events_of("proc_start") if e.pid == obs.main_pid and e.t < begin
    ]
    early_calls = [c for c in traced_calls(obs, "sleepy_man") if c.start < begin]
    early_totals = [line for line in obs.matching(r"Done in.*") if line.t < begin]
    if early_starts or early_calls or early_totals:
        raise CheckFailed(
            "Importing your module already ran the program, before main() was "
            "called.",
            observed=f"{len(early_starts)} process(es) started and "
            f"{len(early_totals)} 'Done in' line(s) printed while the module was "
            "being imported",
            expected="import runs nothing; the program runs when main() is called",
            hint="a bare main() at the bottom of the file runs on every import, and "
            "a spawn child imports your file too. Write  if __name__ == "
            "'__main__': main()  so that it runs only when the file is the program",
            observation=obs,
        )
    return works_under(obs, obs.start_method or "fork")

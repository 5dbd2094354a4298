"""Expectations for exercise 02: threads for waiting work.

``main()`` runs ``sleepy_man()`` in two ``threading.Thread``s of its own process,
starts both, joins both, and prints ``Done in X.XXXX seconds`` (about 1 s).

Evidence:
- which thread ran each call of ``sleepy_man`` (the call events carry the thread's
  native id) and the threads' life cycle (thread_run/exit, joins): the
  instrumentation's claims;
- corroborated by the supervisor, which counts the threads of the program's process
  in /proc (``Proc.max_threads``): two sleeping threads side by side make at least 3;
- the order and spacing of the printed lines: arrival times on the grader's clock.
  Two 1-second sleeps side by side span 1.0-1.1 s from the first "Starting" to the
  last "Done" even on a loaded machine (threads only sleep, they need no CPU);
  one after the other they span 2 s or more. The bound (1.6 s) sits between.
"""

from __future__ import annotations

from grader.harness.observation import LIBRARY_THREADS, Line, Observation
from grader.checks import output, processes, sleepy_man, timing
from grader.checks.completion import completed
from grader.checks.failure import CheckFailed
from grader.checks.sleepy_man import DONE, PARALLEL_BOUND, STARTING
from grader.checks.calls import Call, traced_calls

TRACE = sleepy_man.TRACE  # what the checks ask observe.call() to trace

CLOCK_TOLERANCE = 0.3


def _main_proc(obs: Observation):
    return obs.proc(obs.main_pid)


def _stopped_threads(obs: Observation) -> list[int]:
    """Threads of the program that began to run and never ended: killed with the
    process (daemon threads), as the instrumentation reports it."""
    ran: dict[int, str] = {}
    ended: set[int] = set()
    for e in obs.events_of("thread_run", "thread_exit"):
        if e.pid != obs.main_pid:
            continue
        if e.ev == "thread_run":
            ran[e.data.get("thread")] = e.data.get("target") or ""
        else:
            ended.add(e.data.get("thread"))
    return [
        t
        for t, target in ran.items()
        if t not in ended and not target.startswith(LIBRARY_THREADS)
    ]


def sleeper_threads(obs: Observation, count: int = 2) -> list[Call]:
    """The premise of every check: ``count`` threads of the program's own process,
    other than the main thread, each ran sleepy_man() to the end."""
    completed(obs)
    processes.none_started(
        obs,
        hint="multiprocessing.Process where threading.Thread was asked for: "
        "processes come in exercise 03",
    )
    calls = [c for c in traced_calls(obs, "sleepy_man") if c.pid == obs.main_pid]
    in_main = [c for c in calls if c.thread == c.pid]
    in_threads = [c for c in calls if c.thread != c.pid]
    stopped = _stopped_threads(obs)
    unfinished = [c for c in in_threads if c.end is None]
    if unfinished or stopped:
        raise CheckFailed(
            f"{max(len(unfinished), len(stopped))} thread(s) were stopped before "
            "they finished.",
            observed="the program ended while a thread was still running "
            "(or had not even reached sleepy_man() yet)",
            expected="every thread runs sleepy_man() to the end",
            hint="daemon threads are killed when the program ends: join() the "
            "threads so that the program waits for them",
            observation=obs,
        )
    if not calls:
        raise CheckFailed(
            "sleepy_man() never ran.",
            observed="no call of sleepy_man()",
            expected=f"{count} threads, each running sleepy_man()",
            hint="create the threads with target=sleepy_man and start() them",
            observation=obs,
        )
    if in_main and not in_threads:
        started = [e for e in obs.events_of("thread_start") if e.pid == obs.main_pid]
        if not started:
            # No thread was ever started: run() called by hand runs the target in
            # the calling thread (or the function was simply called).
            hint = (
                "t.run() instead of t.start(), or calling sleepy_man() yourself: "
                "run() executes the target right here in the main thread; start() "
                "is what gives it a thread of its own"
            )
        else:
            hint = (
                "target=sleepy_man() with parentheses calls it at once in the main "
                "thread and leaves the thread nothing to do: pass the function "
                "itself, target=sleepy_man"
            )
        raise CheckFailed(
            f"sleepy_man() ran {len(in_main)} time(s) in the main thread, never in "
            "a thread of its own.",
            observed=f"0 threads ran sleepy_man(); the main thread called it "
            f"{len(in_main)} time(s); {len(started)} thread(s) started",
            expected=f"{count} threads, each running sleepy_man()",
            hint=hint,
            observation=obs,
        )
    if in_main:
        raise CheckFailed(
            f"{len(in_main)} call(s) of sleepy_man() ran in the main thread, "
            f"{len(in_threads)} in threads.",
            observed="the main thread called sleepy_man() itself",
            expected=f"all {count} calls in threads of their own; the main thread "
            "only starts and joins them",
            hint="target=sleepy_man() (with parentheses) calls it right away in "
            "the main thread; pass target=sleepy_man",
            observation=obs,
        )
    if len(in_threads) != count:
        raise CheckFailed(
            f"Expected {count} threads running sleepy_man(), saw {len(in_threads)} "
            "call(s).",
            observed=f"{len(in_threads)} call(s) of sleepy_man() in threads",
            expected=f"exactly {count}, one per thread",
            hint=f"create and start {count} threads, each with target=sleepy_man",
            observation=obs,
        )
    if len({c.thread for c in in_threads}) != count:
        raise CheckFailed(
            "Both calls of sleepy_man() ran in the same thread.",
            observed="one thread called sleepy_man() twice, one call after the other",
            expected=f"{count} threads, one call each",
            hint="one threading.Thread per call of sleepy_man()",
            observation=obs,
        )
    main = _main_proc(obs)
    if obs.trusted_pids and main is not None and main.max_threads < 2:
        raise CheckFailed(
            "The grader never saw a second thread in your program's process.",
            observed=f"at most {main.max_threads} thread(s) in pid {main.pid}",
            expected="the main thread plus the threads that run sleepy_man()",
            hint="threading.Thread(target=sleepy_man), then start()",
            observation=obs,
        )
    return in_threads


def slept_together(obs: Observation, calls: list[Call]) -> None:
    """The threads' sleeps overlapped: both 'Starting' lines before any 'Done'."""
    starts = obs.matching(STARTING)
    dones = obs.matching(DONE)
    hint = (
        "join() right after each start() waits for one thread before starting "
        "the next: start both, then join both"
    )
    overlap = max(c.start for c in calls) < min(c.end for c in calls)
    if (
        not overlap
        or len(starts) != len(calls)
        or len(dones) != len(calls)
        or max(s.t for s in starts) > min(d.t for d in dones)
    ):
        raise CheckFailed(
            "The two threads did not sleep at the same time.",
            observed=" | ".join(line.text for line in obs.stdout()),
            expected="both 'Starting to sleep' lines before any 'Done sleeping'",
            hint=hint,
            observation=obs,
        )
    main = _main_proc(obs)
    if obs.trusted_pids and main is not None and main.max_threads < 1 + len(calls):
        raise CheckFailed(
            "The grader never saw your threads alive at the same time.",
            observed=f"at most {main.max_threads} thread(s) at once in pid {main.pid}",
            expected=f"at least {1 + len(calls)}: the main thread and both sleepers",
            hint=hint,
            observation=obs,
        )


def total_after_threads(obs: Observation, calls: list[Call]) -> Line:
    """'Done in' is printed last, after both threads have printed 'Done sleeping'."""
    _, line = output.reported_seconds(obs)
    hint = (
        "'Done in' was printed while the threads were still sleeping: join() both "
        "threads before taking toc"
    )
    output.last_line(
        obs, output.DONE_IN, label="the 'Done in X.XXXX seconds' line", hint=hint
    )
    dones = obs.matching(DONE)
    early = [d for d in dones if d.t > line.t]
    if early or len(dones) != len(calls):
        raise CheckFailed(
            "'Done in' was printed before both threads had finished.",
            observed=" | ".join(x.text for x in obs.stdout()),
            expected="both 'Done sleeping' lines, then 'Done in X.XXXX seconds'",
            hint=hint,
            observation=obs,
        )
    return line


def about_one_second(obs: Observation, calls: list[Call]) -> None:
    """From the first 'Starting' to the last 'Done' (grader's clock), and the
    printed total: at most 1.6 s."""
    starts = obs.matching(STARTING)
    dones = obs.matching(DONE)
    hint = (
        "two 1-second sleeps side by side take about 1 s; 2 s means the threads "
        "ran one after the other"
    )
    main = _main_proc(obs)
    if main is not None and main.cpu >= 1.0:
        # Sleeping threads use almost no CPU; a second of it means computing.
        hint = (
            f"your process used {main.cpu:.1f} s of CPU: sleepy_man() computes "
            "instead of sleeping, and threads that compute take turns on the GIL, "
            "so their work never overlaps; keep sleepy_man() as given"
        )
    timing.span_at_most(
        obs,
        min(starts, key=lambda x: x.t),
        max(dones, key=lambda x: x.t),
        PARALLEL_BOUND,
        what="The two sleeps",
        hint=hint,
        # Calls that never overlapped ran one after the other: a re-run alone
        # would not change that (the claim can only cost its maker a re-run).
        timing=max(c.start for c in calls) < min(c.end for c in calls),
    )
    reported, _ = output.reported_seconds(obs)
    if reported > PARALLEL_BOUND:
        raise CheckFailed(
            f"Your program reports {reported:.4f} seconds.",
            observed=f"Done in {reported:.4f} seconds",
            expected=f"about 1 second (at most {PARALLEL_BOUND:g})",
            hint="the threads ran one after the other, or tic/toc are taken around "
            "more than the two sleeps",
            observation=obs,
        )


def joined(obs: Observation, calls: list[Call]) -> None:
    """The program joined both threads (a join that returned with the thread done)."""
    done = {
        e.data.get("thread")
        for e in obs.events_of("thread_join_end")
        if e.pid == obs.main_pid and e.data.get("alive") is False
    }
    missing = [c for c in calls if c.thread not in done]
    if missing:
        raise CheckFailed(
            f"{len(missing)} thread(s) were never joined.",
            observed="no join() that returned with the thread finished, for "
            f"{len(missing)} of the {len(calls)} threads",
            expected="join() on every thread you start",
            hint="waiting with time.sleep() or a loop guesses how long the threads "
            "need; join() waits exactly until each one has finished",
            observation=obs,
        )


def total_matches_clock(obs: Observation) -> None:
    """The printed total agrees with the grader's clock: from the arrival of the
    first 'Starting to sleep' to the arrival of 'Done in'."""
    reported, line = output.reported_seconds(obs)
    first = min(obs.matching(STARTING), key=lambda x: x.t)
    timing.agrees(obs, reported, line.t - first.t, tolerance=CLOCK_TOLERANCE)


def parallel_and_joined(obs: Observation) -> list[Call]:
    """The whole task, for one run: two threads, side by side, 'Done in' last."""
    calls = sleeper_threads(obs)
    slept_together(obs, calls)
    total_after_threads(obs, calls)
    about_one_second(obs, calls)
    return calls

"""Expectations for exercise 01: timing a serial program.

``main()`` calls ``sleepy_man()`` twice in a row, in the program's own process and
thread, and prints the total as ``Done in X.XXXX seconds`` (about 2 s).

Evidence, and why it holds under load:
- which process and thread ran each call of ``sleepy_man``, and whether it ran
  inside ``main()``: the instrumentation's call events (claims, used only to explain);
- the order of the lines and the time between them: arrival times on the grader's
  clock. Two 1-second sleeps in a row cannot take less than 2 s however busy the
  machine is, so a lower bound (1.9 s) is safe; an upper bound is never used here.
"""

from __future__ import annotations

import re

from grader.harness.observation import Line, Observation
from grader.checks import output, sleepy_man, timing
from grader.checks.calls import Call, main_window, traced_calls
from grader.checks.completion import completed
from grader.checks.failure import CheckFailed
from grader.checks.sleepy_man import DONE, SLEEP, STARTING

TRACE = sleepy_man.TRACE  # what the checks ask observe.call() to trace

# Two sleeps of 1 s each: whatever the load, the total cannot be shorter than 2 s.
BOTH_SLEEPS = 1.9
# A total below this is not a misplaced tic or toc around the calls (each call
# sleeps a second): the clock itself did not count the sleeping.
NEARLY_NOTHING = 0.1
# The printed total against the grader's clock (line arrivals): a correct program
# agrees within a few hundredths of a second; 0.3 s leaves room for a loaded machine.
CLOCK_TOLERANCE = 0.3
ANY_TOTAL = r"\s*done in\b.*"


def serial_calls(obs: Observation) -> list[Call]:
    """The premise of every check: ``sleepy_man()`` ran exactly twice, to the end,
    one call after the other, in the program's own process and main thread, and
    (when ``main()`` is called) inside ``main()``."""
    completed(obs)
    calls = traced_calls(obs, "sleepy_man")
    elsewhere = [c for c in calls if c.pid != obs.main_pid]
    if elsewhere or obs.children():
        raise CheckFailed(
            "Your program started child processes; this first exercise is serial.",
            observed=f"{len(obs.children())} child process(es); "
            f"{len(elsewhere)} call(s) of sleepy_man() in them",
            expected="sleepy_man() called twice by main() itself, in one process",
            hint="processes come in exercise 03: here, call sleepy_man() twice, "
            "directly, and time the two calls",
            observation=obs,
        )
    in_threads = [c for c in calls if c.thread is not None and c.thread != c.pid]
    if in_threads:
        raise CheckFailed(
            f"sleepy_man() ran in {len(in_threads)} thread(s) of its own; this first "
            "exercise is serial.",
            observed="sleepy_man() called from a thread other than the main one",
            expected="sleepy_man() called twice by main() itself, in the main thread",
            hint="threads come in exercise 02: here, call sleepy_man() twice, "
            "directly, one call after the other",
            observation=obs,
        )
    window = main_window(obs)
    if window is not None:
        outside = [c for c in calls if not window[0] <= c.start <= window[1]]
        if outside:
            raise CheckFailed(
                f"sleepy_man() ran {len(outside)} time(s) when your module was "
                "imported, before main() was called.",
                observed=f"{len(outside)} call(s) at import time, "
                f"{len(calls) - len(outside)} inside main()",
                expected="both calls inside main(), and nothing run at import time",
                hint="code at the top level of the file runs when the module is "
                "imported: put the calls (and tic and toc) inside main(), and call "
                "main() only under  if __name__ == '__main__':",
                observation=obs,
            )
    if len(calls) != 2:
        if not calls and obs.call is None:
            summary = "Run as a program, your file never called sleepy_man()."
            hint = (
                "`python serial.py` runs only the top level of the file: keep the "
                "block  if __name__ == '__main__': main()  at the bottom"
            )
        elif not calls:
            summary = "main() never called sleepy_man()."
            hint = "the TODO in main() is still to do: call sleepy_man() twice"
        elif len(calls) == 1:
            summary = "main() called sleepy_man() only once."
            hint = "the lesson's program calls sleepy_man() twice in a row"
        else:
            summary = f"sleepy_man() was called {len(calls)} times."
            hint = "call it exactly twice; is main() itself called more than once?"
        raise CheckFailed(
            summary,
            observed=f"{len(calls)} call(s) of sleepy_man()",
            expected="exactly 2 calls, one after the other",
            hint=hint,
            observation=obs,
        )
    unfinished = [c for c in calls if c.end is None]
    if unfinished:
        raise CheckFailed(
            "A call of sleepy_man() never returned.",
            observed="the program ended during a call of sleepy_man()",
            expected="both calls run to the end",
            hint="sys.exit() or os._exit() while sleepy_man() was running",
            observation=obs,
        )
    first, second = calls
    if second.start < first.end:
        raise CheckFailed(
            "The two calls of sleepy_man() overlapped.",
            observed="the second call began before the first one had returned",
            expected="the second call starts after the first has returned",
            hint="this first exercise is the serial baseline: call sleepy_man(), "
            "then call it again",
            observation=obs,
        )
    printed = [line.text.strip() for line in obs.matching(f"{STARTING}|{DONE}")]
    if printed != [STARTING, DONE, STARTING, DONE]:
        raise CheckFailed(
            "The lines of sleepy_man() are not the lesson's lines.",
            observed=" | ".join(printed)
            or "no 'Starting to sleep' or " "'Done sleeping' line",
            expected=" | ".join([STARTING, DONE, STARTING, DONE]),
            hint="keep sleepy_man() exactly as it is given",
            observation=obs,
        )
    return calls


def _the_total(obs: Observation) -> Line:
    """The one line that reports the total, printed last (in any format)."""
    totals = [line for line in obs.stdout() if re.fullmatch(ANY_TOTAL, line.text, re.I)]
    if not totals:
        raise CheckFailed(
            "Your program did not print its total.",
            observed=" | ".join(line.text for line in obs.stdout())
            or "nothing printed",
            expected="a last line like 'Done in 2.0037 seconds'",
            hint="after the two calls: print('Done in {:.4f} seconds'.format(toc - "
            "tic))",
            observation=obs,
        )
    if len(totals) > 1:
        raise CheckFailed(
            f"Your program printed {len(totals)} totals.",
            observed=" | ".join(line.text for line in totals),
            expected="one 'Done in X.XXXX seconds' line, at the end",
            hint="print the total once, after both calls",
            observation=obs,
        )
    line = totals[0]
    if obs.stdout()[-1] is not line:
        raise CheckFailed(
            "The total is not the last line your program printed.",
            observed=f"{line.text!r}, then {obs.stdout()[-1].text!r}",
            expected="'Done in X.XXXX seconds' as the very last line",
            hint="take toc and print the total after the second call has returned",
            observation=obs,
        )
    return line


def total_line(obs: Observation) -> tuple[float, Line]:
    """Exactly one total, printed last, as ``Done in X.XXXX seconds``."""
    line = _the_total(obs)
    text = line.text.strip()
    match = re.fullmatch(output.DONE_IN, text)
    if match is None:
        raise CheckFailed(
            "The total is not printed in the lesson's format.",
            observed=repr(line.text),
            expected="'Done in X.XXXX seconds', e.g. 'Done in 2.0037 seconds'",
            hint=_format_hint(text),
            observation=obs,
        )
    return float(match.group(1)), line


def total_value(obs: Observation) -> tuple[float, Line]:
    """The total the program printed, read leniently ('Done in 2.0s' gives 2.0):
    the format has a check of its own, the value is judged here."""
    line = _the_total(obs)
    number = re.search(r"\d+(?:\.\d*)?(?:[eE][-+]?\d+)?", line.text)
    if number is None:
        raise CheckFailed(
            "The total line holds no number.",
            observed=repr(line.text),
            expected="'Done in X.XXXX seconds', e.g. 'Done in 2.0037 seconds'",
            hint="print('Done in {:.4f} seconds'.format(toc - tic))",
            observation=obs,
        )
    return float(number.group(0)), line


def _format_hint(text: str) -> str:
    number = re.fullmatch(r"Done in (\S+) seconds", text)
    if number and re.fullmatch(r"\d+(\.\d*)?", number.group(1)):
        return (
            f"{number.group(1)} does not have exactly four decimals: "
            "'{:.4f}'.format(x) (or f'{x:.4f}') always prints four"
        )
    if re.fullmatch(r"Done in [\d.]+ ?(s|sec|secs|second)\.?", text):
        return "write the unit out in full: '... seconds'"
    if not text.startswith("Done in "):
        return "mind the capital D and the spacing: 'Done in X.XXXX seconds'"
    return "print('Done in {:.4f} seconds'.format(toc - tic)) prints it exactly"


def covers_both_sleeps(obs: Observation) -> float:
    """The printed total is at least the two sleeps (1.9 s)."""
    reported, _ = total_value(obs)
    if reported < BOTH_SLEEPS:
        hint = (
            "take tic just before the first call and toc just after the "
            "second: tic/toc measure only what happens between them"
        )
        if reported < NEARLY_NOTHING:
            # Nearly nothing, while the calls did run: the clock did not count
            # the sleeps, which is what a CPU clock does.
            hint = (
                "a clock that does not count sleeping: time.process_time() (or "
                "time.thread_time()) measures CPU time, and sleeping uses none; "
                "take tic and toc with time.time() or time.perf_counter(). Or tic "
                "and toc were taken with nothing between them"
            )
        raise CheckFailed(
            f"Your program reports {reported:.4f} seconds, but two calls of a "
            "1-second sleep cannot take less than 2 seconds.",
            observed=f"Done in {reported:.4f} seconds",
            expected=f"about 2 seconds (at least {BOTH_SLEEPS:g})",
            hint=hint,
            observation=obs,
        )
    return reported


def total_matches_clock(obs: Observation) -> None:
    """The printed total agrees with the grader's clock: from the arrival of the
    first 'Starting to sleep' to the arrival of the total."""
    reported, line = total_value(obs)
    first = obs.matching(STARTING)[0]
    timing.agrees(
        obs,
        reported,
        line.t - first.t,
        tolerance=CLOCK_TOLERANCE,
        hint="take tic with time.time() (or time.perf_counter()) just before the "
        "first call and toc with the same clock just after the second, and print "
        "toc - tic; do not patch or scale the clock",
    )


def sleeps_are_real(obs: Observation) -> None:
    """Each 'Starting to sleep' is followed by its 'Done sleeping' a second later,
    by the grader's clock: sleepy_man() is kept as given."""
    printed = obs.matching(f"{STARTING}|{DONE}")
    for start, done in (printed[0:2], printed[2:4]):
        # Half a second of margin: a line read late by a starved grader cannot
        # shrink a real sleep that much, and a missing sleep is a few ms.
        if done.t - start.t < SLEEP * 0.5:
            raise CheckFailed(
                "sleepy_man() did not sleep for a second between its two lines.",
                observed=f"{done.t - start.t:.2f} s from 'Starting to sleep' to "
                "'Done sleeping' (measured by the grader)",
                expected="about 1 s: sleepy_man() sleeps 1 second",
                hint="keep sleepy_man() exactly as it is given; the exercise is "
                "timing it, not changing it",
                observation=obs,
            )

"""Expectations for exercise 08, a pipeline stopped by a sentinel (a poison pill).

``run_pipeline(items)`` starts a producer process and a consumer process joined by
queues; the producer sends every item and then a sentinel, the consumer upper-cases
items until it reads the sentinel. Evidence used here:

- the two stages: at least two child processes that ran a target, each confirmed
  by the supervisor (its pid and kernel start time);
- a forgotten sentinel: the run timed out while a child process was still alive
  and had used almost no CPU, i.e. it was blocked, waiting for an item;
- where the upper-casing happened: a hidden check passes items of a ``str``
  subclass whose ``upper`` method is traced, so a call in the main process is seen;
- ending on its own: every stage reported a normal exit, was joined, and nothing
  was left running.

Messages never print hidden inputs (``reveal=False``).
"""

from __future__ import annotations

from collections import Counter

from grader.harness.observation import Observation, Proc, Worker
from grader.checks import processes
from grader.checks.completion import completed
from grader.checks.failure import CheckFailed
from grader.checks.tracebacks import student_frames

WHAT = "run_pipeline()"
SENTINEL_HINT = (
    "send a sentinel so the consumer knows the stream has ended: after the last "
    "item the producer puts one value that no item can equal (None), and the "
    "consumer leaves its loop when it reads it"
)
# Texts that students pick as string sentinels; an item may be any of them.
LOOKALIKES = frozenset(
    {
        "",
        "stop",
        "none",
        "done",
        "end",
        "quit",
        "exit",
        "eof",
        "sentinel",
        "poison",
        "poison_pill",
        "poison pill",
        "__end__",
        "__stop__",
        "<end>",
        "<stop>",
        "-1",
        "0",
        "null",
        "finished",
    }
)
# A process alive this close to the end of a timed-out run was alive when it stopped.
ALIVE_AT_END = 0.15
# A process that used less CPU than this share of its life was mostly blocked.
IDLE_SHARE = 0.25


def finished(obs: Observation) -> None:
    """Premise of every check: the call returned. A run that hung while a child
    process sat waiting is explained as the forgotten sentinel it most likely is."""
    if obs.timed_out:
        stuck = waiting_children(obs)
        if stuck:
            p = stuck[0]
            life = max(p.last_seen - p.start, 0.0)
            name = _target_of(obs, p.pid)
            if "Traceback" in obs.stderr_text():
                raise CheckFailed(
                    f"{WHAT} did not finish: a stage raised an exception, and a "
                    "child process was left waiting for items that never came.",
                    observed=_stderr_tail(obs),
                    expected="every stage runs to its end and sends its sentinel",
                    hint=_exception_hint(
                        obs,
                        "fix the exception in the traceback: a stage that crashes "
                        "never sends its sentinel, so the stage after it waits for "
                        "ever",
                    ),
                    observation=obs,
                )
            raise CheckFailed(
                f"{WHAT} did not finish: a child process was left waiting for more "
                f"items, and the grader stopped it after {obs.timeout:g} s.",
                observed=f"pid {p.pid}{name} was still alive after {life:.1f} s "
                f"and had used only {p.cpu:.2f} s of CPU: it was blocked, waiting",
                expected="after the last item the consumer stops, and every "
                "process ends",
                hint=SENTINEL_HINT + ". (If your consumer does stop, read every "
                "result before you join it: a process cannot end while items it "
                "put on a queue are still waiting to be read.)",
                observation=obs,
            )
    completed(obs, what=WHAT)


def waiting_children(obs: Observation) -> list[Proc]:
    """Child processes alive when a timed-out run was stopped, that used little CPU."""
    found = []
    for p in obs.children():
        if p.last_seen < obs.wall_time - ALIVE_AT_END:
            continue
        life = p.last_seen - p.start
        if life > 0.5 and p.cpu < IDLE_SHARE * life:
            found.append(p)
    return found


def stages(obs: Observation) -> list[Worker]:
    """At least two child processes (a producer and a consumer) ran, each confirmed
    by the supervisor."""
    finished(obs)
    workers = obs.workers()
    if len(workers) >= 2:
        return workers
    if not workers:
        threads = obs.events_of("thread_run")
        threads = [
            e
            for e in threads
            if "multiprocessing" not in (e.data.get("target") or "")
            and "concurrent" not in (e.data.get("target") or "")
        ]
        where = "in threads of the main process" if threads else "in the main process"
        raise CheckFailed(
            f"No child process ran: the whole pipeline ran {where}.",
            observed="0 child processes ran a target",
            expected="a producer process and a consumer process, joined by queues",
            hint=(
                "threading.Thread or plain function calls instead of "
                "multiprocessing.Process: start one Process for the producer and one "
                "for the consumer"
                if threads
                else "the work is done by the parent: start one multiprocessing.Process "
                "for the producer and one for the consumer, and let them do it"
            ),
            observation=obs,
        )
    raise CheckFailed(
        "Only one child process ran: the pipeline needs two stages.",
        observed=f"1 child process (pid {workers[0].pid} ran "
        f"{_short(workers[0].target)}()); the parent did the other stage itself",
        expected="a producer process and a consumer process (the parent only starts "
        "them and collects the results)",
        hint="the parent put the items on the queue itself, or upper-cased them "
        "itself: give each stage its own multiprocessing.Process",
        observation=obs,
    )


def result(obs: Observation, items: list[str], *, reveal: bool = True) -> list[str]:
    """The call returned the items upper-cased, in order; a wrong result is
    diagnosed (cut short at a sentinel look-alike, reordered, not upper-cased)."""
    value = obs.call.value
    expected = [item.upper() for item in items]
    if value == expected:
        return value
    shown = {
        "observed": f"returned {_clip(value)}" if reveal else "",
        "expected": f"{_clip(expected)}" if reveal else "",
    }
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CheckFailed(
            f"{WHAT} returned {type(value).__name__}, not a list of strings.",
            observed=f"returned {_clip(value)}" if reveal else "",
            expected="a list with one upper-cased string per item, in order",
            hint="collect what the consumer sends back into a list and return it",
            observation=obs,
        )
    if len(value) < len(expected) and value == expected[: len(value)]:
        cut = items[len(value)]
        if _lookalike(cut):
            raise CheckFailed(
                "The stream ended early, at an item that looks like a sentinel.",
                observed=shown["observed"]
                or "the items up to a certain one came back, then the stream "
                "stopped at an item a string sentinel could equal",
                expected=shown["expected"] or "every item, upper-cased, in order",
                hint="the sentinel must be a value no item can equal: items are "
                'strings, so a text such as "STOP" or a test like `if not item` '
                "also matches real items. Use None and test `item is None`",
                observation=obs,
            )
        raise CheckFailed(
            "The stream ended early: not every item came back.",
            observed=shown["observed"] or "only the first part of the items came back",
            expected=shown["expected"] or "every item, upper-cased, in order",
            hint="the consumer stopped before it read the sentinel, or the parent "
            "stopped reading results before the consumer's sentinel arrived",
            observation=obs,
        )
    if value == items and items:
        raise CheckFailed(
            "The items came back unchanged, not upper-cased.",
            observed=shown["observed"] or "the items came back as they went in",
            expected=shown["expected"] or "each item upper-cased",
            hint="the consumer should put item.upper() on its output queue",
            observation=obs,
        )
    if Counter(value) == Counter(expected):
        raise CheckFailed(
            "The right items came back, in the wrong order.",
            observed=shown["observed"] or "the upper-cased items in another order",
            expected=shown["expected"] or "the order of the input",
            hint="a queue keeps the order in which items were put on it: one "
            "producer and one consumer keep the input's order. Results from several "
            "consumers, a set, sorting, or popping from the end of a list do not",
            observation=obs,
        )
    missing = Counter(expected) - Counter(value)
    if missing and not (Counter(value) - Counter(expected)):
        lookalike = any(_lookalike(m) for m in missing)
        raise CheckFailed(
            "Some items were dropped on the way.",
            observed=shown["observed"] or "items missing from the result",
            expected=shown["expected"] or "every item, upper-cased, in order",
            hint=(
                "an empty string or a sentinel-like text was skipped: a test such "
                'as `if item:` or `item == "STOP"` also matches real items; test '
                "`item is None` for the sentinel"
                if lookalike
                else "every item the producer sends must reach the result"
            ),
            observation=obs,
        )
    raise CheckFailed(
        f"{WHAT} returned the wrong list.",
        observed=shown["observed"]
        or f"a list of {len(value)} strings that is not the upper-cased input",
        expected=shown["expected"] or "every item, upper-cased, in order",
        hint="return [item.upper() for each item], computed by the consumer, in the "
        "order the items came",
        observation=obs,
    )


def upper_cased_in_a_child(obs: Observation, workers: list[Worker]) -> None:
    """The main process never upper-cased an item (items whose ``upper`` is traced)."""
    calls = obs.callers("upper")
    in_main = calls.get(obs.main_pid, [])
    if in_main:
        in_children = any(pid != obs.main_pid for pid in calls)
        raise CheckFailed(
            "The parent upper-cased the items itself; the children only passed "
            "them along.",
            observed="item.upper() was called in the main process"
            + (" (and in a child process too)" if in_children else ""),
            expected="item.upper() is called only in the consumer process",
            hint="the work of a stage belongs in that stage's process: the parent "
            "starts the producer and the consumer and collects the results",
            observation=obs,
        )


def ended_on_their_own(obs: Observation, workers: list[Worker]) -> None:
    """Every stage ended normally (exit code 0, not stopped), was joined, and
    nothing outlived the program."""
    for w in workers:
        if w.exitcode is None:
            raise CheckFailed(
                f"A child process (pid {w.pid}, {_short(w.target)}) did not end on "
                "its own: it was stopped.",
                observed=f"pid {w.pid} never returned from its target; it was "
                "terminated, killed, or ended as a daemon with the program",
                expected="the producer and the consumer return from their targets "
                "by themselves",
                hint=SENTINEL_HINT + "; then the consumer ends by itself and "
                "needs no terminate() and no daemon=True",
                observation=obs,
            )
        if w.exitcode != 0:
            raise CheckFailed(
                f"A child process (pid {w.pid}, {_short(w.target)}) ended with exit "
                f"code {w.exitcode}.",
                observed=_stderr_tail(obs) or f"exit code {w.exitcode}",
                expected="exit code 0: the stage finished its work",
                hint=_exception_hint(
                    obs,
                    "an exception in the producer or consumer (its traceback is "
                    "printed on stderr)",
                ),
                observation=obs,
            )
    procs = [w.proc for w in workers]
    processes.joined(
        obs,
        procs,
        hint="join() the producer and the consumer before returning, after you "
        "have read all the results",
    )
    processes.none_left_running(obs)


def _lookalike(item: str) -> bool:
    return item.strip().lower() in LOOKALIKES


def _target_of(obs: Observation, pid: int) -> str:
    for w in obs.workers():
        if w.pid == pid:
            return f" ({_short(w.target)})"
    return ""


def _short(target: str) -> str:
    return (target or "?").rsplit(".", 1)[-1]


def _clip(value, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + " ...]"


def _exception_hint(obs: Observation, default: str) -> str:
    """The cause behind a stage's exception, where the traceback shows it."""
    if "'object' object has no attribute" in obs.stderr_text():
        return (
            "an object() sentinel: an object sent through a Queue is pickled, and "
            "pickling makes a new object in the other process, so `item is "
            "SENTINEL` is never true there and the sentinel is treated as an item. "
            "Use None, which stays None through a queue, and test `item is None`"
        )
    return default


def _stderr_tail(obs: Observation, n: int = 4) -> str:
    text = student_frames(obs.stderr_text())
    lines = [x for x in text.splitlines() if x.strip()]
    return "\n                  ".join(lines[-n:])

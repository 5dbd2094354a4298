"""Expectations for exercise 05: ``parallel_squares(numbers, workers) -> list[int]``
starts ``workers`` processes that send their squares back through a
multiprocessing.Queue; the parent returns them in input order.

Evidence and why:
- **How many workers.** A child counts when the instrumentation inside it reported
  running a target (multiprocessing's own manager process aside), and at least one
  of them must have been seen by the supervisor as corroboration. Requiring every
  child to be seen would cost a correct program points: children that square a few
  numbers live a few milliseconds, and the supervisor samples /proc every 10 ms
  (the probe now waits for the supervisor's acknowledgement before running the
  target, but the checks do not depend on that). A miscount is not a matter of
  sampling: a program with the wrong number of processes reports the wrong number.
- **The classic deadlock.** A child that has put data on a Queue does not exit
  until a feeder thread has written all of it into a pipe that holds 64 KiB; if the
  parent join()s before it get()s, neither can move. Measured: joining first hangs
  from about 14,000 small squares (5 bytes each pickled, one list per child); the
  checks send about 160 KB of squares (20,000 numbers of seven or eight digits),
  2.5 times what the pipe holds, and joining first hung with every worker count
  tried (1 to 8), while correct programs took at most 7 s under a load average of
  40 (course.yml's timeout is 15 s). The harness stops the run at the
  course's timeout; :func:`finished` recognises the situation from the observation
  (stopped, a join() the program began and never finished, on a child still alive
  at the end) and says so.
- **Where the squares were computed.** The hidden checks pass numbers (a module on
  the run's path) whose squaring reports which process did it; only a square
  computed in the main process is held against the program, so a program that
  converts the numbers with int() first is judged on its result alone.

``show=False`` (hidden checks) keeps the numbers and counts out of the messages.
"""

from __future__ import annotations

from grader.harness.observation import Event, Observation, Proc, Worker
from grader.checks import processes
from grader.checks.completion import completed, returned
from grader.checks.failure import CheckFailed

WHAT = "parallel_squares()"
ALIVE_AT_END = 1.0  # a child seen running this close to the end of a stopped run
ORDER_HINT = (
    "results come off the queue in the order the workers finish, not in the order "
    "of the input: send each result with its position (or its slice's number) and "
    "put them back in order in the parent"
)


# -- did it finish? -------------------------------------------------------------
def stuck_join(obs: Observation) -> tuple[Event, Proc] | None:
    """A join() the program began and never finished, on a child that was still
    alive when the run was stopped."""
    pending: dict[int, Event] = {}
    for e in obs.events_of("join_begin", "join_end"):
        child = e.data.get("child")
        if e.pid != obs.main_pid or e.data.get("auto") or child is None:
            continue
        if e.ev == "join_begin":
            pending[child] = e
        else:
            pending.pop(child, None)
    for child, begin in pending.items():
        proc = obs.proc(child)
        if proc is not None and proc.last_seen >= obs.wall_time - ALIVE_AT_END:
            return begin, proc
    return None


def finished(obs: Observation) -> None:
    """The function returned; the join-before-get deadlock gets its own lesson."""
    stuck = stuck_join(obs) if obs.timed_out else None
    if stuck is not None:
        begin, proc = stuck
        raise CheckFailed(
            f"{WHAT} never returned: it was waiting in join() for a child process "
            "that could not end.",
            observed=f"stopped after {obs.timeout:g} s; join() on pid {proc.pid} began "
            f"at {begin.t:.2f} s and never returned; pid {proc.pid} was still alive",
            expected="every result read with get(), then every child joined",
            hint="get() the results before join(): a child that has put results on "
            "a multiprocessing.Queue cannot exit until they have been read (the pipe "
            "under the queue holds only 64 KiB), so joining first waits for ever "
            "once the results are large",
            observation=obs,
        )
    completed(obs, what=WHAT)


# -- processes ------------------------------------------------------------------
# The targets a pool's own processes run: the results travel back by the pool's
# machinery, not through a Queue the program made.
POOL_WORKERS = ("multiprocessing.pool.", "concurrent.futures.process.")


def _workers(obs: Observation) -> list[Worker]:
    # A Manager's server process runs a target too, but it is plumbing, not a worker.
    return [w for w in obs.workers() if "multiprocessing.managers" not in w.target]


def children(obs: Observation) -> list[Worker]:
    """At least one child process ran a target: the premise of every check."""
    finished(obs)
    found = _workers(obs)
    if not found:
        raise CheckFailed(
            f"{WHAT} started no child process.",
            observed="no child process ran a target",
            expected="worker processes that square the numbers and put the squares "
            "on a multiprocessing.Queue",
            hint="computing the squares in parallel_squares() itself; start "
            "multiprocessing.Process objects that do the squaring",
            observation=obs,
        )
    pooled = [w for w in found if w.target.startswith(POOL_WORKERS)]
    if pooled:
        raise CheckFailed(
            "A pool's worker processes did the work, not processes of your own.",
            observed=f"{len(pooled)} child process(es) ran {pooled[0].target}",
            expected="`workers` multiprocessing.Process objects that you start, each "
            "putting its squares on a multiprocessing.Queue",
            hint="Pool.map (or a ProcessPoolExecutor) sends the results back for "
            "you, which is what this exercise is about: start the Processes "
            "yourself and send the squares back through a Queue",
            observation=obs,
        )
    traffic = queue_traffic(obs, found)
    if traffic is not None and not all(traffic):
        puts, gets = traffic
        raise CheckFailed(
            "The squares did not come back through a multiprocessing.Queue.",
            observed=f"put() on a queue in the worker processes: {puts}; get() in "
            f"{WHAT}: {gets}",
            expected="each worker puts its squares on a Queue that "
            f"{WHAT} made, and {WHAT} gets them from it",
            hint="a Manager's list or dict, or any other shared object, carries the "
            "results without the lesson's Queue: make a multiprocessing.Queue, pass "
            "it to each worker, put() there, get() in the parent",
            observation=obs,
        )
    return found


def queue_traffic(obs: Observation, workers: list[Worker]) -> tuple[int, int] | None:
    """(puts in the workers, gets in the program) on multiprocessing queues, as
    the instrumentation counted them; None where it did not report (a worker that
    never got to the end of its target, an older probe). Only the program's word:
    it can fail a program, never pass one."""
    pids = {w.pid for w in workers}
    exits = [e for e in obs.events_of("proc_exit") if e.pid in pids]
    end = obs.call_end_event()
    if not exits or end is None or "queue_gets" not in end.data:
        return None
    puts = sum(int(e.data.get("queue_puts") or 0) for e in exits)
    return puts, int(end.data.get("queue_gets") or 0)


def worker_count(
    obs: Observation, workers: int, numbers: int, *, show: bool = True
) -> list[Worker]:
    """Exactly ``workers`` child processes (``numbers`` is how many numbers there
    were, to recognise one process per number)."""
    found = children(obs)
    if len(found) != workers:
        if len(found) == numbers and numbers != workers:
            hint = (
                "one process per number: make `workers` processes and give each "
                "a share of the numbers"
            )
        elif len(found) == 1:
            hint = (
                "a single process that squares everything: split the numbers into "
                "`workers` shares, one process each"
            )
        else:
            hint = "make exactly `workers` processes, however you split the numbers"
        raise CheckFailed(
            f"{WHAT} started {len(found)} child process(es)"
            + (f" for workers={workers}." if show else ", not `workers` of them."),
            observed=f"{len(found)} child process(es) ran a target",
            expected=f"exactly {workers}" if show else "exactly `workers`",
            hint=hint,
            observation=obs,
        )
    return found


def at_most_workers(obs: Observation, workers: int) -> list[Worker]:
    """Between one and ``workers`` child processes (more workers than numbers: a
    program may leave the idle ones out)."""
    found = children(obs)
    if len(found) > workers:
        raise CheckFailed(
            f"{WHAT} started more child processes than `workers`.",
            observed=f"{len(found)} child process(es) ran a target",
            expected="at most `workers`, however few the numbers are",
            hint="one process per number, or a loop that starts too many",
            observation=obs,
        )
    return found


def squared_in_children(obs: Observation) -> None:
    """No square of the traced numbers was computed in the main process."""
    in_main = [e for e in obs.events_of("square") if e.pid == obs.main_pid]
    if in_main:
        in_children = len(obs.events_of("square")) - len(in_main)
        raise CheckFailed(
            f"The main process computed {len(in_main)} of the squares itself.",
            observed=f"{len(in_main)} square(s) computed in the main process, "
            f"{in_children} in child processes",
            expected="every square computed in a worker process",
            hint="the workers should compute n * n and put the result on the queue; "
            "the parent only collects what comes back (workers that send the "
            "numbers back unsquared leave the work to the parent)",
            observation=obs,
        )


# -- the result -----------------------------------------------------------------
def squares(
    obs: Observation, expected: list[int], *, show: bool = True, ordered: bool = True
) -> list:
    """The returned list is exactly ``expected``: the squares, in input order (with
    ``ordered=False``: the same squares, in any order)."""
    finished(obs)
    value = returned(obs, what=WHAT)
    if not isinstance(value, list):
        raise CheckFailed(
            f"{WHAT} should return a list of ints.",
            observed=f"it returned {value!r}"[:200],
            expected="a list with one square per number, in input order",
            hint=(
                "a missing return statement"
                if value is None
                else "return a list of the squares"
            ),
            observation=obs,
        )
    if value == expected:
        return value
    if any(isinstance(v, list) for v in value):
        raise CheckFailed(
            f"{WHAT} returned a list of lists.",
            observed="some items of the returned list are lists",
            expected="one flat list of ints, one square per number",
            hint="each worker sent a list of squares: join them into one list, in "
            "order",
            observation=obs,
        )
    if len(value) != len(expected):
        raise CheckFailed(
            f"{WHAT} returned {len(value)} values"
            + (f" for {len(expected)} numbers." if show else ", not one per number."),
            observed=f"{len(value)} values",
            expected=f"{len(expected)} values" if show else "one value per number",
            hint="some numbers were never given to a worker (a split that drops the "
            "remainder of len(numbers) / workers), or a get() too few or too many",
            observation=obs,
        )
    wrong = [i for i, (a, b) in enumerate(zip(value, expected)) if a != b]
    try:
        same_values = sorted(value) == sorted(expected)
    except TypeError:
        same_values = False
    first = (
        f"position {wrong[0]} holds {value[wrong[0]]!r}, expected {expected[wrong[0]]!r}"
        if show
        else None
    )
    if same_values and not ordered:
        return value
    if same_values:
        raise CheckFailed(
            "The squares are right, but not in the order of the input.",
            observed=first or "the same squares, at other positions",
            expected="the square of numbers[i] at position i",
            hint=ORDER_HINT,
            observation=obs,
        )
    raise CheckFailed(
        "Some of the returned values are not the squares of the numbers.",
        observed=first
        or f"{len(wrong)} value(s) are not the square of the number at their position",
        expected="the square of numbers[i] at position i",
        hint="each worker should put n * n for each of its numbers, and the parent "
        "return exactly what came back",
        observation=obs,
    )


def nothing_left(obs: Observation) -> None:
    processes.none_left_running(obs)

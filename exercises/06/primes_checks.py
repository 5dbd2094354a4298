"""Expectations for CPU-bound work on a process pool (exercise 06, count_primes).

The evidence is CPU seconds per process, read by the supervisor from /proc (user +
system time, 10 ms ticks): a load the machine is under slows a run down but does not
move the work from one process to another, so shares of CPU time keep their meaning
where a speed-up ratio would not. Measured on the 2-core machine with the given
trial-division is_prime() and limit 500 000 (about 0.8 s of CPU in all):

- a correct pool of 2 with one contiguous chunk each: the lower chunk 0.26-0.40 of
  all CPU, the upper one the rest, the main process 0.05-0.09 s (under 12 %);
- one big chunk: one worker near 100 %, the others 0.00-0.01 s;
- the counting in the main process (with or without an idle pool): the main process
  over 90 %; a thread pool: no child process at all.

Bounds: two workers each with at least WORKER_SHARE of all CPU (and at least
MIN_WORKER_CPU seconds, so that the work is big enough to be seen at all); the main
process at most MAIN_SHARE of it.
"""

from __future__ import annotations

from grader.harness.observation import Observation, Proc
from grader.checks.completion import returned
from grader.checks.failure import CheckFailed

WORKER_SHARE = 0.10  # correct: >= 0.26 for the lower of two chunks; wrong: ~0
# seconds: two of the kernel's 10 ms ticks, the least a share can be seen by. The
# given is_prime() puts a correct worker at >= 0.2; a student's faster prime test
# (6k +/- 1) at 0.03-0.06 each, which a floor of 0.05 failed on some runs.
MIN_WORKER_CPU = 0.02
MAIN_SHARE = 0.35  # correct: <= 0.12; counting in the main process: >= 0.9

THREAD_POOL_MARKERS = ("concurrent.futures.thread", "multiprocessing.pool.worker")


def primes_below(limit: int) -> int:
    """How many primes p < limit: a sieve, in the trusted checking process."""
    if limit < 3:
        return 0
    sieve = bytearray([1]) * limit
    sieve[0] = sieve[1] = 0
    p = 2
    while p * p < limit:
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, limit, p)))
        p += 1
    return sum(sieve)


def worker_processes(obs: Observation) -> list[Proc]:
    """The program finished and started child processes (the pool's workers)."""
    returned(obs, what="count_primes()")
    kids = obs.children()
    if kids:
        return kids
    threads = [e.data.get("target") or "" for e in obs.events_of("thread_run")]
    pool_threads = [t for t in threads if any(m in t for m in THREAD_POOL_MARKERS)]
    if pool_threads:
        raise CheckFailed(
            "Your count ran in threads of the main process: no worker process was "
            "started.",
            observed=f"{len(pool_threads)} pool thread(s), 0 child processes",
            expected="a pool of worker processes (multiprocessing.Pool or "
            "concurrent.futures.ProcessPoolExecutor)",
            hint="ThreadPoolExecutor or multiprocessing.pool.ThreadPool: threads "
            "share one GIL, so only one of them runs Python code at a time and "
            "CPU-bound work does not get faster; processes each have their own",
            observation=obs,
        )
    raise CheckFailed(
        "count_primes() started no worker process: all the counting ran in your "
        "main process.",
        observed="0 child processes",
        expected="a pool of worker processes that do the counting",
        hint="the serial loop of the stub is still there; split range(limit) into "
        "chunks and let a multiprocessing.Pool (or a ProcessPoolExecutor) count them",
        observation=obs,
    )


def _cpu(obs: Observation, kids: list[Proc]) -> tuple[float, float]:
    main = obs.proc(obs.main_pid)
    main_cpu = main.cpu if main is not None else 0.0
    return main_cpu, main_cpu + sum(p.cpu for p in kids)


def work_in_workers(obs: Observation, kids: list[Proc]) -> None:
    """The main process only hands out work: most of the CPU time is the workers'."""
    main_cpu, total = _cpu(obs, kids)
    workers_cpu = total - main_cpu
    if total <= 0 or main_cpu > MAIN_SHARE * total:
        raise CheckFailed(
            "Most of the counting ran in your main process, not in the workers.",
            observed=f"main process {main_cpu:.2f} s of CPU, all workers together "
            f"{workers_cpu:.2f} s",
            expected=f"the main process at most {MAIN_SHARE:.0%} of the CPU time; "
            "the workers do the counting",
            hint="the pool's workers are there but the loop over the numbers runs "
            "in count_primes() itself (or the pool gets one task per number and the "
            "main process spends its time sending them): send each worker a chunk, "
            "a (start, stop) pair, and let it count the primes in it",
            observation=obs,
        )


def shared_work(obs: Observation, kids: list[Proc]) -> list[Proc]:
    """At least two workers each did a real share of the CPU work."""
    _, total = _cpu(obs, kids)
    floor = max(WORKER_SHARE * total, MIN_WORKER_CPU)
    busy = [p for p in kids if p.cpu >= floor]
    if len(busy) >= 2:
        return busy
    ranked = sorted(kids, key=lambda p: p.cpu, reverse=True)
    shown = ", ".join(f"{p.cpu:.2f} s" for p in ranked[:4])
    if total < 4 * MIN_WORKER_CPU:
        hint = (
            "the whole count took too little CPU time to see who did it; keep the "
            "given is_prime(): it is the CPU-bound work this exercise is about"
        )
    else:
        hint = (
            "one big chunk (or apply() once) gives all the work to one worker while "
            "the others wait, and so does a split that hands one worker only easy "
            "numbers (every other number: the even ones); split range(limit) into "
            "contiguous chunks, at least as many as there are workers"
        )
    raise CheckFailed(
        ("No worker process" if not busy else "Only one worker process")
        + " did a real share of the work.",
        observed=f"CPU time of your workers: {shown}; {total:.2f} s in all",
        expected=f"at least two workers with {WORKER_SHARE:.0%} of the CPU time or more",
        hint=hint,
        observation=obs,
    )


def most_alive_at_once(procs: list[Proc]) -> int:
    """The largest number of these processes alive at one moment."""
    return max(
        (sum(1 for q in procs if q.start <= p.start <= q.end) for p in procs),
        default=0,
    )


def pool_size(obs: Observation, kids: list[Proc], workers: int) -> None:
    """The pool had ``workers`` processes (at one moment, as the supervisor saw)."""
    seen = most_alive_at_once(kids)
    if seen != workers:
        raise CheckFailed(
            "Your pool does not have as many processes as count_primes() was asked "
            "for.",
            observed=f"at most {seen} worker processes alive at once",
            expected="as many as the workers argument",
            hint="pass workers to the pool: multiprocessing.Pool(workers) or "
            "ProcessPoolExecutor(max_workers=workers); without it the pool has one "
            "process per CPU core",
            observation=obs,
        )


def count_is(
    obs: Observation, limit: int, expected: int, *, reveal: bool = True
) -> None:
    """count_primes(limit, ...) returned ``expected``, the sieve's count.

    With ``reveal=False`` (hidden checks) the message never shows the limit or the
    counts, only how the answer is off.
    """
    got = returned(obs, what="count_primes()")
    if isinstance(got, bool) or not isinstance(got, int):
        raise CheckFailed(
            "count_primes() should return a whole number.",
            observed=f"a {type(got).__name__}" + (f": {got!r}" if reveal else ""),
            expected="an int: how many primes are below the limit",
            hint="sum the counts of the chunks; pool.map() returns a list, "
            "future.result() gives one chunk's count",
        )
    if got == expected:
        return
    diff = got - expected
    inclusive = primes_below(limit + 1)
    small = abs(diff) <= max(10, expected // 100)
    if not small:
        hint = (
            "the count is far from the right one: is a number hard-coded, or is "
            "the limit argument not used for every chunk?"
        )
    elif got == inclusive and inclusive != expected:
        hint = (
            "the limit itself was counted: it is prime here, and the task asks for "
            "the primes p < limit, not p <= limit (the last chunk should stop at "
            "limit, like range(limit))"
        )
    elif diff in (1, 2):
        hint = (
            "0 and 1 are not primes; does your prime test say they are? (or is "
            "the limit itself counted: the task asks for p < limit)"
        )
    elif diff < 0:
        hint = (
            "some numbers were never counted: when limit is not a multiple of the "
            "number of chunks, limit // workers leaves a remainder at the end (or a "
            "chunk starts too late); the chunks must cover range(limit) exactly"
        )
    else:
        hint = (
            "some numbers were counted twice: the chunks overlap (a chunk "
            "should start where the previous one stopped)"
        )
    if reveal:
        observed = f"count_primes({limit}, ...) returned {got}"
        expected_text = f"{expected} (the primes below {limit})"
    else:
        # The size of a big miss would give the hidden count away.
        amount = f"{abs(diff)} " if abs(diff) <= 10 else ""
        observed = f"your count is {amount}{'more' if diff > 0 else 'less'} than "
        observed += "the right count"
        expected_text = "the number of primes below the limit"
    raise CheckFailed(
        "count_primes() returned the wrong count.",
        observed=observed,
        expected=expected_text,
        hint=hint,
        observation=obs,
    )

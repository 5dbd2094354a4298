"""Expectations for exercise 10, ``run_with_deadline(target, args, seconds)``.

The checks hand the function importable targets (``{"$ref": "module:function"}``)
and judge, on the grader's clock:

- the target ran in a child process the supervisor saw (its pid, its kernel start
  time, when it was last seen running and when it was gone);
- a target that ends in time: its exit code comes back, and the function returns
  soon after the child has ended (not at the deadline);
- a runaway: the child lived about ``seconds`` (from its kernel start to its end:
  at least ``seconds - EARLY``, at most ``seconds + LATE``), the function returned
  None soon after;
- a target that ignores SIGTERM: it was asked first (it prints a line when it gets
  SIGTERM), then killed within a bounded time, and nothing was left running;
- every child was joined before the function returned.

Margins: a correct solution's child lives ``seconds`` plus the time terminate()
takes to act (measured 0.01-0.05 s idle, well under 0.3 s beside CPU burners); the
bounds leave a second of room for a loaded machine, and a program that waits twice
or stops at once lands far outside them. Messages of hidden checks do not show the
deadline or the target (``reveal=False``).
"""

from __future__ import annotations

from grader.harness.observation import Observation, Proc
from grader.checks import processes
from grader.checks.completion import completed
from grader.checks.failure import CheckFailed

WHAT = "run_with_deadline()"
EARLY = 0.1  # a child may look this much shorter-lived than the deadline (clock ticks)
LATE = 1.0  # a stopped child may outlive the deadline by this much on a loaded machine
RETURN = 1.5  # the function (and program) ends this soon after the child has ended
GRACE_ALLOWED = 2.0  # the longest grace period between terminate() and kill()
ALIVE_AT_END = 0.15  # alive this close to the end of a timed-out run: alive at the end

STOP_HINT = (
    "join(seconds) waits at most `seconds` and returns as soon as the process ends; "
    "if is_alive() is still true after it, terminate() the process, give it a short "
    "grace period with join(grace), kill() it if it is still alive, and join() it"
)


def finished(obs: Observation) -> None:
    """Premise of every check: the program ended. A run that hung because the target
    was never stopped is explained by how it was (not) stopped."""
    if obs.timed_out:
        if not obs.children() and obs.stop_reason == "timeout":
            raise CheckFailed(
                f"{WHAT} did not finish, and it never started a child process: the "
                "target ran in the main process, where nothing can stop it.",
                observed=f"no child process; still running after {obs.timeout:g} s",
                expected="target(*args) runs in a multiprocessing.Process that is "
                "stopped at the deadline",
                hint="calling target(*args) yourself runs it here and waits for it "
                "as long as it takes. Start a multiprocessing.Process instead; "
                + STOP_HINT,
                observation=obs,
            )
        alive = _alive_at_end(obs)
        if alive:
            p = alive[0]
            pids = {q.pid for q in alive}
            returned = obs.call is not None and obs.call.status == "returned"
            asked = any(e.data.get("child") in pids for e in obs.events_of("terminate"))
            killed = any(e.data.get("child") in pids for e in obs.events_of("kill"))
            observed = (
                f"pid {p.pid} was still running after {p.last_seen - p.start:.1f} s, "
                f"when the grader stopped everything at {obs.timeout:g} s"
            )
            if returned:
                raise CheckFailed(
                    f"The program did not finish: {WHAT} returned, but the target's "
                    "process was still running, so the program could not end.",
                    observed=observed,
                    expected="the overrunning process is stopped and joined before "
                    "the function returns",
                    hint="when join(seconds) returns, the process may still be "
                    "running: join() does not stop it. Check is_alive() and stop it "
                    "with terminate() (and kill() if that is not enough)",
                    observation=obs,
                )
            if asked and not killed:
                raise CheckFailed(
                    f"{WHAT} did not finish: the target ignored SIGTERM, and the "
                    "function waited for it for ever.",
                    observed=observed + "; terminate() was called, kill() never",
                    expected="a target that survives terminate() is killed after a "
                    "short grace period",
                    hint="terminate() sends SIGTERM, which a process may catch or "
                    "ignore. Wait a short grace period with join(grace); if the "
                    "process is still alive, kill() it (SIGKILL cannot be ignored), "
                    "then join() it",
                    observation=obs,
                )
            raise CheckFailed(
                f"{WHAT} did not finish: the target was never stopped.",
                observed=observed,
                expected="the target is stopped at the deadline and the function "
                "returns None",
                hint="join() without a timeout waits as long as the target runs, for "
                "ever for a runaway. " + STOP_HINT,
                observation=obs,
            )
    completed(obs, what=WHAT)


def target_process(obs: Observation, target: str) -> Proc:
    """The child process that ran the target, confirmed by the supervisor."""
    finished(obs)
    workers = obs.workers()
    if not workers and obs.children():
        # A child stopped before it could report its target (terminated at once)
        # is still a child the supervisor saw: judge the longest-lived one.
        return max(obs.children(), key=lambda p: p.end - p.start)
    started = obs.events_of("proc_start")
    stopped = obs.events_of("terminate", "kill")
    if not workers and started and stopped:
        raise CheckFailed(
            "The child process was stopped before it could even run the target.",
            observed=f"{len(started)} process(es) started, and stopped at once"
            + (
                f"; {WHAT} returned {obs.call.value!r}"
                if obs.call is not None and obs.call.status == "returned"
                else ""
            ),
            expected="the target runs until it ends or its deadline has passed",
            hint="right after start() every process is alive: wait with "
            "join(seconds) before you check is_alive() and stop it",
            observation=obs,
        )
    if not workers:
        raise CheckFailed(
            "The target never ran in a child process.",
            observed="no child process ran a target"
            + (
                f"; {WHAT} returned {obs.call.value!r}"
                if obs.call is not None and obs.call.status == "returned"
                else ""
            ),
            expected="target(*args) runs in a multiprocessing.Process",
            hint="create a multiprocessing.Process(target=target, args=args) and "
            "start() it; a process is what can be stopped when it overruns",
            observation=obs,
        )
    named = [w for w in workers if w.target.rsplit(".", 1)[-1] == target]
    chosen = named or sorted(workers, key=lambda w: w.proc.end - w.proc.start)
    return chosen[-1].proc


def exit_code(obs: Observation, target: str, code: int, *, reveal: bool = True) -> Proc:
    """A target that ended by itself: its exit code came back."""
    proc = target_process(obs, target)
    value = obs.call.value
    if value == code and type(value) is int:
        return proc
    expected = f"{code}" if reveal else "the target's exit code"
    if value is None:
        raise CheckFailed(
            f"{WHAT} returned None for a target that finished in time.",
            observed="returned None",
            expected=expected,
            hint="None means 'stopped at the deadline'. When the process ended "
            "by itself, return its exitcode (after join(), process.exitcode)",
            observation=obs,
        )
    raise CheckFailed(
        f"{WHAT} returned {value!r}, not the target's exit code.",
        observed=f"returned {value!r}",
        expected=expected,
        hint="return process.exitcode after the process has ended: 0 for a target "
        "that returns normally, N for sys.exit(N), 1 for an exception",
        observation=obs,
    )


def returned_promptly(obs: Observation, proc: Proc) -> None:
    """The function (and the program) ended soon after the child did."""
    late = obs.wall_time - proc.end
    if late > RETURN:
        raise CheckFailed(
            f"{WHAT} returned {late:.1f} s after the target had ended.",
            observed=f"the target's process ended at {proc.end:.2f} s; the program "
            f"ended at {obs.wall_time:.2f} s (the grader's clock)",
            expected="it returns as soon as the target ends, long before the deadline",
            hint="time.sleep(seconds) always waits the whole deadline. "
            "join(seconds) returns as soon as the process ends",
            observation=obs,
        )


def stopped_at_deadline(
    obs: Observation, target: str, seconds: float, *, reveal: bool = True
) -> Proc:
    """A runaway was stopped about ``seconds`` after it started, and None came back."""
    proc = target_process(obs, target)
    value = obs.call.value
    if value is not None:
        if isinstance(value, int) and value < 0:
            raise CheckFailed(
                f"{WHAT} returned {value} for a target it had to stop.",
                observed=f"returned {value}: the exitcode of a process ended by "
                f"signal {-value}",
                expected="None, because the target did not finish in time",
                hint="a process stopped by terminate() or kill() has a negative "
                "exitcode (-15, -9); return None when you had to stop it",
                observation=obs,
            )
        raise CheckFailed(
            f"{WHAT} returned {value!r} for a target that never ends.",
            observed=f"returned {value!r}",
            expected="None: the target overran its deadline and was stopped",
            hint="if the process is still alive after join(seconds), stop it and "
            "return None",
            observation=obs,
        )
    life = proc.end - proc.start
    deadline = f"{seconds:g} s" if reveal else "the deadline"
    if life < seconds - EARLY:
        raise CheckFailed(
            "The target was stopped before its deadline.",
            observed=f"its process lived {life:.2f} s"
            + (f", the deadline was {seconds:g} s" if reveal else ""),
            expected=f"it runs until {deadline}, then is stopped",
            hint="wait with join(seconds) before you check is_alive(): right after "
            "start() every process is still alive",
            observation=obs,
        )
    if life > seconds + LATE:
        raise CheckFailed(
            "The target ran long past its deadline.",
            observed=f"its process lived {life:.2f} s"
            + (f", the deadline was {seconds:g} s" if reveal else ""),
            expected=f"stopped soon after {deadline}",
            hint="wait once, with join(seconds), then stop the process at once",
            observation=obs,
        )
    returned_promptly(obs, proc)
    return proc


def killed_after_grace(
    obs: Observation, target: str, seconds: float, refusal: str
) -> Proc:
    """A target that ignores SIGTERM was killed within ``seconds`` + a short grace
    period, None came back, and it left nothing running. (Hidden: no numbers.)"""
    proc = target_process(obs, target)
    if obs.call.value is not None:
        stopped_at_deadline(obs, target, seconds, reveal=False)
    life = proc.end - proc.start
    if life < seconds - EARLY:
        stopped_at_deadline(obs, target, seconds, reveal=False)
    if life > seconds + GRACE_ALLOWED + LATE:
        asked = bool(obs.matching(refusal))
        raise CheckFailed(
            "A target that ignores SIGTERM ran long past its deadline.",
            observed=f"its process lived {life:.2f} s"
            + ("; it had been sent SIGTERM, and ignored it" if asked else ""),
            expected="killed after a short grace period (a second or so)",
            hint="after terminate(), wait a short grace period with join(grace); "
            "if the process is still alive, kill() it",
            observation=obs,
        )
    returned_promptly(obs, proc)
    if proc.pid in obs.left_running:
        raise CheckFailed(
            "The target's process was still running after the program ended.",
            observed=f"pid {proc.pid} outlived the program; the grader killed it",
            expected="the function kills a process that ignores SIGTERM",
            hint="terminate() sends SIGTERM, which a process may ignore: kill() "
            "after a short grace period",
            observation=obs,
        )
    return proc


def asked_first(obs: Observation, proc: Proc, refusal: str) -> None:
    """The target got SIGTERM (it says so on stdout) before it was killed."""
    said = [line for line in obs.matching(refusal) if line.t <= proc.end + 0.25]
    if not said:
        raise CheckFailed(
            "The target was killed without being asked to stop first.",
            observed="the target never received SIGTERM",
            expected="terminate() (SIGTERM) first, a short grace period, then "
            "kill() (SIGKILL) only if it is still running",
            hint="SIGTERM lets a process clean up (flush files, remove temporary "
            "ones); kill() gives it no chance. Ask with terminate() first",
            observation=obs,
        )


def joined_before_return(obs: Observation, proc: Proc) -> None:
    """The child was joined (a join that saw it end) before the function returned,
    and nothing outlived the program."""
    if proc.pid not in obs.joined(before=obs.call_returned()):
        raise CheckFailed(
            f"The target's process was not joined before {WHAT} returned.",
            observed=f"no join() of pid {proc.pid} that saw it end, before the "
            "function returned",
            expected="join() after terminate() or kill(), so the process is reaped",
            hint="terminate() and kill() only send a signal; until it is joined the "
            "ended process stays behind as a zombie. join() it before returning",
            observation=obs,
        )
    processes.none_left_running(obs, hint="stop and join every process you start")


def _alive_at_end(obs: Observation) -> list[Proc]:
    return [p for p in obs.children() if p.last_seen >= obs.wall_time - ALIVE_AT_END]

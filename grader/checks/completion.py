"""Did the student's code run to the end? The first thing every check asks.

A hang, a crash at import, a missing function or an exception each get their own
explanation here, so that the checks after it can talk about the lesson.
"""

from __future__ import annotations

from ..harness.observation import Observation
from .failure import CheckFailed
from .tracebacks import student_frames


def completed(obs: Observation, *, what: str = "your program") -> None:
    """Fail unless the program (or the called function) finished normally."""
    if obs.stop_reason == "watcher_killed":
        raise CheckFailed(
            f"{what} killed the grader's watcher process.",
            observed="the process that started your program was killed",
            expected="a program that only signals processes it started itself",
            hint="os.kill(os.getppid(), ...) or killing a process group you did not "
            "create",
        )
    if obs.timed_out:
        raise CheckFailed(
            f"{what} did not finish within {obs.timeout:g} seconds and was stopped.",
            observed=f"still running after {obs.timeout:g} s",
            expected="the program ends on its own",
            hint="an endless loop, a join() on a process that never ends, or a "
            "get() on a queue that nothing will ever fill",
            observation=obs,
        )
    if obs.stop_reason == "output":
        raise CheckFailed(
            f"{what} printed too much and was stopped.",
            observed="more output than the grader keeps (about 1 MB)",
            expected="a few lines",
            hint="a print inside an endless loop",
            observation=obs,
        )
    call = obs.call
    if call is not None and call.status == "import_error":
        raise CheckFailed(
            f"{what} could not be imported: {call.type}: {call.message}",
            observed=_last_lines(call.traceback),
            expected="the module imports without error",
            hint="a syntax error, or code at the top level of the module that "
            "fails; keep work inside functions",
        )
    if call is not None and call.status == "missing":
        name = call.function or "the function"
        raise CheckFailed(
            f"The function {name}() was not found in your module.",
            observed=f"no callable named {name}",
            expected=f"def {name}(...) at the top level of the module",
            hint="did you misname it, or forget to define it?",
        )
    if call is not None and call.status == "raised":
        raise CheckFailed(
            f"{what} raised {call.type}: {call.message}",
            observed=_last_lines(call.traceback),
            expected="it returns normally",
            hint=_cap_hint(call.traceback + obs.stderr_text()),
            observation=obs,
        )
    if obs.signal == 9 and call is not None and call.status == "no_result":
        raise CheckFailed(
            f"{what} was killed (signal 9) before it could return.",
            observed="killed by SIGKILL",
            expected="the function returns normally",
            hint="the run hit the grader's memory cap, or killed itself",
            observation=obs,
        )
    if call is not None and call.status == "no_result":
        raise CheckFailed(
            f"{what} ended without returning (exit status {_status(obs)}).",
            observed=_last_lines(obs.stderr_text()) or "no error message",
            expected="the function returns normally",
            hint=_cap_hint(obs.stderr_text())
            or "sys.exit() or os._exit() in the parent, or a crash",
            observation=obs,
        )
    if call is None and (obs.exit_code != 0):
        raise CheckFailed(
            f"{what} ended with exit status {_status(obs)}.",
            observed=_last_lines(obs.stderr_text()) or "no error message",
            expected="exit status 0",
            hint=_cap_hint(obs.stderr_text()),
            observation=obs,
        )


LIMIT_HINTS = (
    (
        "Resource temporarily unavailable",
        "the run hit the grader's cap on processes: "
        "does a process start processes in a loop, or without a main guard?",
    ),
    ("MemoryError", "the run hit the grader's memory cap: something grows without end"),
    ("File too large", "the run hit the grader's cap on file size"),
    ("Network is unreachable", "graded code has no network"),
)


def _cap_hint(text: str) -> str:
    for needle, hint in LIMIT_HINTS:
        if needle in text:
            return hint
    return ""


def returned(obs: Observation, *, what: str = "your function"):
    """The value the called function returned, after :func:`completed`; a value
    that is not plain data (a proxy, a Value, a set) fails, named as it printed."""
    completed(obs, what=what)
    call = obs.call
    if call.value_type:
        raise CheckFailed(
            f"{what} returned a {call.value_type}, not plain data.",
            observed=call.value_repr,
            expected="the values themselves: an int, a float, a list, a dict",
            hint="return what the object holds (counter.value, dict(proxy), "
            "list(...)): the object itself belongs to the processes that made it",
            observation=obs,
        )
    return call.value


def _status(obs: Observation) -> str:
    if obs.signal:
        return f"killed by signal {obs.signal}"
    return str(obs.exit_code)


def _last_lines(text: str, n: int = 6) -> str:
    # Frames of Python's own code and of the grader's driver mean nothing to a
    # student: folded, so the last lines are theirs.
    text = student_frames(text or "")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return "\n                  ".join(lines[-n:])

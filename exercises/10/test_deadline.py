"""Visible checks for exercise 10: run them with `pytest exercises/10`.

Each check calls your run_with_deadline() with a target from targets.py (in this
folder), in a separate process watched by the grader: it sees the child process
you start, when it starts and ends by the grader's own clock, whether you join it,
and what your function returns.
"""

from pathlib import Path

import pytest

import deadline_checks

EXERCISE = "10"
TARGETS = (Path(__file__).resolve().parent,)
RUNAWAY_DEADLINE = 1.5
STUBBORN_DEADLINE = 1.0
REFUSAL = "SIGTERM\\? No, thank you\\."  # targets.REFUSAL, as a pattern


def call(observe, target, args, seconds):
    return observe.call(
        EXERCISE, {"$ref": f"targets:{target}"}, args, seconds, python_path=TARGETS
    )


@pytest.fixture(scope="module")
def runaway(observe):
    return call(observe, "forever", [], RUNAWAY_DEADLINE)


@pytest.mark.points(1)
def test_a_target_that_finishes_gives_its_exit_code(observe):
    """A target that ends in time gives its exit code (0, or its sys.exit code)"""
    deadline_checks.exit_code(call(observe, "finish", [], 5.0), "finish", 0)
    deadline_checks.exit_code(call(observe, "exit_with", [3], 5.0), "exit_with", 3)


@pytest.mark.points(1)
def test_the_function_returns_as_soon_as_the_target_ends(observe):
    """It returns as soon as the target ends, without waiting for the deadline"""
    run = call(observe, "nap", [0.3], 4.0)
    proc = deadline_checks.exit_code(run, "nap", 0)
    deadline_checks.returned_promptly(run, proc)


@pytest.mark.points(1)
def test_a_runaway_target_is_stopped_at_the_deadline(runaway):
    """A target that never ends is stopped at the deadline, and None comes back"""
    deadline_checks.stopped_at_deadline(runaway, "forever", RUNAWAY_DEADLINE)


@pytest.mark.points(1)
def test_the_stopped_process_is_joined_and_nothing_is_left_running(runaway):
    """The stopped process is joined before returning; nothing is left running"""
    proc = deadline_checks.target_process(runaway, "forever")
    deadline_checks.joined_before_return(runaway, proc)


@pytest.mark.points(1)
def test_a_target_that_ignores_terminate_is_asked_then_killed(observe):
    """terminate() first; a target that ignores it is killed after a short grace"""
    run = call(observe, "stubborn", [], STUBBORN_DEADLINE)
    proc = deadline_checks.killed_after_grace(
        run, "stubborn", STUBBORN_DEADLINE, REFUSAL
    )
    deadline_checks.asked_first(run, proc, REFUSAL)

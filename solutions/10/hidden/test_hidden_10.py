"""Hidden checks for exercise 10: other targets (one that raises, one with another
exit code, one that ignores SIGTERM, one that computes), other deadlines, and the
spawn start method."""

from pathlib import Path

import pytest

import deadline_checks

EXERCISE = "10"
TARGETS = (Path(__file__).resolve().parent,)
REFUSAL = "SIGTERM\\? No, thank you\\."
STUBBORN_DEADLINE = 1.2
SPIN_DEADLINE = 1.8


def call(observe, target, args, seconds, **options):
    return observe.call(
        EXERCISE,
        {"$ref": f"hidden_targets:{target}"},
        args,
        seconds,
        python_path=TARGETS,
        **options,
    )


@pytest.fixture(scope="module")
def stubborn(observe):
    return call(observe, "stubborn", [], STUBBORN_DEADLINE)


@pytest.mark.points(1)
def test_a_target_that_raises_gives_exit_code_1(observe):
    """A target that raises an exception gives exit code 1"""
    deadline_checks.exit_code(call(observe, "fail", [], 3.0), "fail", 1, reveal=False)


@pytest.mark.points(1)
def test_another_exit_code_comes_back_at_once(observe):
    """Another target's own exit code comes back as soon as it ends"""
    run = call(observe, "nap_then_exit", [0.4, 42], 3.5)
    proc = deadline_checks.exit_code(run, "nap_then_exit", 42, reveal=False)
    deadline_checks.returned_promptly(run, proc)


@pytest.mark.points(1)
def test_a_target_that_ignores_sigterm_is_killed(stubborn):
    """A target that ignores SIGTERM is killed after a short grace period"""
    proc = deadline_checks.killed_after_grace(
        stubborn, "stubborn", STUBBORN_DEADLINE, REFUSAL
    )
    deadline_checks.joined_before_return(stubborn, proc)


@pytest.mark.points(1)
def test_the_target_is_asked_politely_first(stubborn):
    """terminate() comes first: kill() only for a target that ignores it"""
    proc = deadline_checks.killed_after_grace(
        stubborn, "stubborn", STUBBORN_DEADLINE, REFUSAL
    )
    deadline_checks.asked_first(stubborn, proc, REFUSAL)


@pytest.mark.points(1)
def test_a_busy_runaway_is_stopped_at_another_deadline_under_spawn(observe):
    """A busy runaway is stopped at another deadline, under 'spawn' too"""
    run = call(observe, "spin", [], SPIN_DEADLINE, start_method="spawn")
    proc = deadline_checks.stopped_at_deadline(run, "spin", SPIN_DEADLINE, reveal=False)
    deadline_checks.joined_before_return(run, proc)

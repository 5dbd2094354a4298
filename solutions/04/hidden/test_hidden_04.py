"""Hidden checks for exercise 04: other durations and counts (so that a hard-coded
number of processes or a hard-coded time fails), joins before returning, and the
spawn start method."""

import pytest

from grader.checks import processes
import sleepers_checks

EXERCISE = "04"
# Four children, not the visible three; the longest 1.4 s so that a constant 0.9 or
# 1.0 is off by more than the tolerance; max - min leaves 0.55 s of spread to see.
OTHER = [1.4, 0.3, 0.85, 0.55]
# Five children under spawn.
SPAWNED = [0.6, 0.3, 0.9, 0.45, 0.75]


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, OTHER)


def _children(obs, durations):
    return sleepers_checks.sleepers(obs, durations, show=False)


@pytest.mark.points(1)
def test_other_durations_one_process_each(run):
    """Other durations: one child per duration, each sleeping its own"""
    sleepers_checks.own_durations(run, _children(run, OTHER), OTHER, show=False)


@pytest.mark.points(1)
def test_other_durations_at_the_same_time(run):
    """Other durations: the children sleep at the same time"""
    sleepers_checks.together(run, _children(run, OTHER), OTHER, show=False)


@pytest.mark.points(1)
def test_the_returned_time_matches_the_clock(run):
    """Other durations: the returned time agrees with the grader's own clock"""
    sleepers_checks.elapsed(run, _children(run, OTHER))


@pytest.mark.points(1)
def test_every_child_is_joined_before_returning(run):
    """Every child is joined before run_sleepers() returns; nothing is left running"""
    sleepers_checks.joined_before_return(run, _children(run, OTHER))


@pytest.mark.points(1)
def test_works_under_spawn(observe):
    """Correct under the 'spawn' start method (macOS and Windows)"""
    obs = observe.call(EXERCISE, SPAWNED, start_method="spawn")
    procs = _children(obs, SPAWNED)
    # Each child first starts a new interpreter, as slowly as the machine is busy:
    # the checks measure sleeps from when each child began its work, and overlap.
    sleepers_checks.own_durations(obs, procs, SPAWNED, show=False)
    processes.overlapping(obs, procs)
    sleepers_checks.joined_before_return(obs, procs)

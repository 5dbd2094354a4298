"""Visible checks for exercise 04: run them with `pytest exercises/04`.

run_sleepers() runs in a separate process, watched by the grader: it sees every
process you start, how long each one lives, and which ones you join.
"""

import pytest

import sleepers_checks

EXERCISE = "04"
# The last child is not the longest, and ends 0.5 s before it: a program that
# joins only the last one returns well outside the 0.3 s tolerance, every time.
DURATIONS = [0.4, 1.0, 0.5]


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, DURATIONS)


@pytest.mark.points(1)
def test_one_child_process_per_duration(run):
    """One child process per duration"""
    sleepers_checks.sleepers(run, DURATIONS)


@pytest.mark.points(1)
def test_each_child_sleeps_its_own_duration(run):
    """Each child sleeps the duration it was given"""
    sleepers_checks.own_durations(
        run, sleepers_checks.sleepers(run, DURATIONS), DURATIONS
    )


@pytest.mark.points(1)
def test_the_children_sleep_at_the_same_time(run):
    """The children sleep at the same time: about max(durations), not the sum"""
    sleepers_checks.together(run, sleepers_checks.sleepers(run, DURATIONS), DURATIONS)


@pytest.mark.points(1)
def test_returns_the_elapsed_time(run):
    """run_sleepers() returns the elapsed seconds, as the grader measured them"""
    sleepers_checks.elapsed(run, sleepers_checks.sleepers(run, DURATIONS))


@pytest.mark.points(1)
def test_all_children_are_joined_before_returning(run):
    """Every child is joined before run_sleepers() returns"""
    sleepers_checks.joined_before_return(run, sleepers_checks.sleepers(run, DURATIONS))

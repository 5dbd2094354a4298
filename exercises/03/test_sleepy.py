"""Visible checks for exercise 03: run them with `pytest exercises/03`.

Your main() runs in a separate process, watched by the grader: it sees every
process you start, when each one lives, and when each line you print arrives.
"""

import pytest

import sleepy_checks

EXERCISE = "03"


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, trace=sleepy_checks.TRACE)


@pytest.mark.points(2)
def test_two_child_processes_run_sleepy_man(run):
    """Two child processes each run sleepy_man() to the end"""
    sleepy_checks.child_sleepers(run)


@pytest.mark.points(1)
def test_the_children_sleep_at_the_same_time(run):
    """The two children sleep at the same time"""
    sleepy_checks.slept_together(run, sleepy_checks.child_sleepers(run))


@pytest.mark.points(1)
def test_done_in_is_printed_after_both_children_finish(run):
    """'Done in' is printed last, after both children have finished"""
    sleepy_checks.total_after_children(run, sleepy_checks.child_sleepers(run))


@pytest.mark.points(1)
def test_the_whole_thing_takes_about_one_second(run):
    """The two sleeps take about 1 second, not 2, and the printed total covers them"""
    sleepy_checks.about_one_second(run, sleepy_checks.child_sleepers(run))

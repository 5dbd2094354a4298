"""Visible checks for exercise 02: run them with `pytest exercises/02`.

Your main() runs in a separate process, watched by the grader: it sees which
thread runs each call of sleepy_man(), how many threads your process has, and when
each line you print arrives.
"""

import pytest

from grader.checks import threads

EXERCISE = "02"


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, trace=threads.TRACE)


@pytest.mark.points(2)
def test_two_threads_run_sleepy_man(run):
    """Two threads of your program each run sleepy_man() to the end"""
    threads.sleeper_threads(run)


@pytest.mark.points(1)
def test_the_threads_sleep_at_the_same_time(run):
    """The two threads sleep at the same time"""
    threads.slept_together(run, threads.sleeper_threads(run))


@pytest.mark.points(1)
def test_done_in_is_printed_after_both_threads_finish(run):
    """'Done in' is printed last, after both threads have finished"""
    threads.total_after_threads(run, threads.sleeper_threads(run))


@pytest.mark.points(1)
def test_the_whole_thing_takes_about_one_second(run):
    """The two sleeps take about 1 second, not 2"""
    threads.about_one_second(run, threads.sleeper_threads(run))

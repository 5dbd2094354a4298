"""Visible checks for exercise 02: run them with `pytest exercises/02`.

Your main() runs in a separate process, watched by the grader: it sees which
thread runs each call of sleepy_man(), how many threads your process has, and when
each line you print arrives.
"""

import pytest

import threads_checks
from grader.harness.schedule import second_thread_late

EXERCISE = "02"


@pytest.fixture(scope="module")
def run(observe):
    # The second thread starts 0.2 s after the first, so that a program that joins
    # only one of them prints its total while the other still sleeps, every time.
    return observe.call(
        EXERCISE, trace=threads_checks.TRACE, schedule=second_thread_late()
    )


@pytest.mark.points(1)
def test_two_threads_run_sleepy_man(run):
    """Two threads of your program each run sleepy_man() to the end"""
    threads_checks.sleeper_threads(run)


@pytest.mark.points(1)
def test_the_threads_sleep_at_the_same_time(run):
    """The two threads sleep at the same time"""
    threads_checks.slept_together(run, threads_checks.sleeper_threads(run))


@pytest.mark.points(1)
def test_done_in_is_printed_after_both_threads_finish(run):
    """'Done in' is printed last, after both threads have finished"""
    threads_checks.total_after_threads(run, threads_checks.sleeper_threads(run))


@pytest.mark.points(1)
def test_the_whole_thing_takes_about_one_second(run):
    """The two sleeps take about 1 second, not 2"""
    threads_checks.about_one_second(run, threads_checks.sleeper_threads(run))


@pytest.mark.points(1)
def test_the_program_joins_both_threads(run):
    """Both threads are joined, not waited for by luck"""
    threads_checks.joined(run, threads_checks.sleeper_threads(run))

"""Hidden checks for exercise 02: joins, whether the printed total is earned, and
the file run as a program."""

import pytest

import threads_checks
from grader.harness.schedule import second_thread_late

EXERCISE = "02"


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(
        EXERCISE, trace=threads_checks.TRACE, schedule=second_thread_late()
    )


@pytest.mark.points(2)
def test_both_threads_are_joined(run):
    """The program waits for its threads with join()"""
    calls = threads_checks.parallel_and_joined(run)
    threads_checks.joined(run, calls)


@pytest.mark.points(2)
def test_the_printed_total_matches_the_clock(run):
    """The printed total agrees with the grader's own clock"""
    threads_checks.parallel_and_joined(run)
    threads_checks.total_matches_clock(run)


@pytest.mark.points(1)
def test_the_file_runs_as_a_program(observe):
    """`python exercises/02/threads_checks.py` prints the right output in about 1 second"""
    threads_checks.parallel_and_joined(
        observe.program(
            EXERCISE, trace=threads_checks.TRACE, schedule=second_thread_late()
        )
    )

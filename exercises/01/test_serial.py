"""Visible checks for exercise 01: run them with `pytest exercises/01`.

Your main() runs in a separate process, watched by the grader: it sees which
functions run where, and when each line you print arrives.
"""

import pytest

import serial_checks

EXERCISE = "01"


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, trace=serial_checks.TRACE)


@pytest.mark.points(2)
def test_main_calls_sleepy_man_twice_in_a_row(run):
    """main() calls sleepy_man() twice, one call after the other"""
    serial_checks.serial_calls(run)


@pytest.mark.points(1)
def test_the_total_is_printed_as_done_in_x_seconds(run):
    """The total is printed last, as 'Done in X.XXXX seconds'"""
    serial_checks.serial_calls(run)
    serial_checks.total_line(run)


@pytest.mark.points(2)
def test_the_total_covers_both_sleeps(run):
    """The printed total covers both sleeps: about 2 seconds"""
    serial_checks.serial_calls(run)
    serial_checks.covers_both_sleeps(run)

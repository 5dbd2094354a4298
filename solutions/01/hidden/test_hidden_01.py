"""Hidden checks for exercise 01: whether the printed total is earned, whether
sleepy_man() was kept as given, and the file run as a program."""

import pytest

import serial_checks

EXERCISE = "01"


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, trace=serial_checks.TRACE)


@pytest.mark.points(2)
def test_the_printed_total_matches_the_clock(run):
    """The printed total agrees with the grader's own clock"""
    serial_checks.serial_calls(run)
    serial_checks.total_matches_clock(run)


@pytest.mark.points(1)
def test_sleepy_man_is_kept_as_given(run):
    """Each call of sleepy_man() really sleeps for a second"""
    serial_checks.serial_calls(run)
    serial_checks.sleeps_are_real(run)


@pytest.mark.points(2)
def test_the_file_runs_as_a_program(observe):
    """`python exercises/01/serial_checks.py` prints the lesson's output"""
    obs = observe.program(EXERCISE, trace=serial_checks.TRACE)
    serial_checks.serial_calls(obs)
    serial_checks.covers_both_sleeps(obs)

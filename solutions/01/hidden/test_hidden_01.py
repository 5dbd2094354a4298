"""Hidden checks for exercise 01: whether the printed total is earned, whether
sleepy_man() was kept as given, and the file run as a program."""

import pytest

from grader.checks import serial

EXERCISE = "01"


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, trace=serial.TRACE)


@pytest.mark.points(2)
def test_the_printed_total_matches_the_clock(run):
    """The printed total agrees with the grader's own clock"""
    serial.serial_calls(run)
    serial.total_matches_clock(run)


@pytest.mark.points(1)
def test_sleepy_man_is_kept_as_given(run):
    """Each call of sleepy_man() really sleeps for a second"""
    serial.serial_calls(run)
    serial.sleeps_are_real(run)


@pytest.mark.points(2)
def test_the_file_runs_as_a_program(observe):
    """`python exercises/01/serial.py` prints the lesson's output"""
    obs = observe.program(EXERCISE, trace=serial.TRACE)
    serial.serial_calls(obs)
    serial.covers_both_sleeps(obs)

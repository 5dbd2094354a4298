"""Hidden checks for exercise 03: other start methods, and probes for output and
timing that were faked instead of earned."""

import pytest

from grader.checks import processes
import sleepy_checks

EXERCISE = "03"


def _parallel_and_joined(obs):
    procs = sleepy_checks.child_sleepers(obs)
    sleepy_checks.slept_together(obs, procs)
    sleepy_checks.total_after_children(obs, procs)
    sleepy_checks.about_one_second(obs, procs)


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, trace=sleepy_checks.TRACE)


@pytest.mark.points(1)
def test_works_under_spawn(observe):
    """Correct under the 'spawn' start method (macOS and Windows)"""
    _parallel_and_joined(
        observe.call(EXERCISE, start_method="spawn", trace=sleepy_checks.TRACE)
    )


@pytest.mark.points(1)
def test_works_under_forkserver(observe):
    """Correct under the 'forkserver' start method (Linux from Python 3.14)"""
    _parallel_and_joined(
        observe.call(EXERCISE, start_method="forkserver", trace=sleepy_checks.TRACE)
    )


@pytest.mark.points(1)
def test_the_lines_come_from_the_children(run):
    """The children print their own lines; the program does not print them for them"""
    sleepy_checks.lines_from_children(run, sleepy_checks.child_sleepers(run))


@pytest.mark.points(1)
def test_the_printed_total_matches_the_clock(run):
    """The printed total agrees with the grader's own clock"""
    sleepy_checks.total_matches_clock(run, sleepy_checks.child_sleepers(run))


@pytest.mark.points(1)
def test_every_child_is_joined_and_nothing_is_left_running(run):
    """Both children are joined and nothing outlives the program"""
    procs = sleepy_checks.child_sleepers(run)
    processes.joined(run, procs)
    processes.none_left_running(run)

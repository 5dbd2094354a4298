"""Hidden checks for exercise 09: the other start methods (forkserver, spawn with the
module imported by name), and the program of 03 kept honest under spawn."""

import pytest

from grader.checks import processes
import portable_checks

EXERCISE = "09"


def _under(observe, method):
    """Correct under fork (the baseline) and under ``method``; returns that run."""
    portable_checks.works_under(
        observe.program(EXERCISE, start_method="fork", trace=portable_checks.TRACE),
        "fork",
    )
    obs = observe.program(EXERCISE, start_method=method, trace=portable_checks.TRACE)
    return obs, portable_checks.works_under(obs, method)


@pytest.mark.points(2)
def test_works_under_forkserver(observe):
    """Correct under 'forkserver' (Linux's default from Python 3.14)"""
    _under(observe, "forkserver")


@pytest.mark.points(1)
def test_works_when_imported_under_spawn(observe):
    """Correct under 'spawn' when the module is imported and main() is called"""
    obs = observe.call(EXERCISE, start_method="spawn", trace=portable_checks.TRACE)
    portable_checks.import_starts_nothing(obs)


@pytest.mark.points(1)
def test_the_printed_total_matches_the_clock(observe):
    """Under 'spawn', the printed total agrees with the grader's own clock"""
    obs, procs = _under(observe, "spawn")
    portable_checks.total_matches_clock(obs, procs)


@pytest.mark.points(1)
def test_every_child_is_joined_and_nothing_is_left_running(observe):
    """Under 'spawn', both children are joined and nothing outlives the program"""
    obs, procs = _under(observe, "spawn")
    processes.joined(obs, procs)
    processes.none_left_running(obs)

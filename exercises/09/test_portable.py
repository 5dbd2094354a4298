"""Visible checks for exercise 09: run them with `pytest exercises/09`.

Your file runs as a program (`python portable_checks.py`) in a separate process, once
with each start method as the platform's default, watched by the grader: it sees
every process, how it was started, and when each line arrives.
"""

import pytest

import portable_checks

EXERCISE = "09"


def _run(observe, method):
    return observe.program(EXERCISE, start_method=method, trace=portable_checks.TRACE)


@pytest.mark.points(3)
def test_works_under_fork_and_spawn(observe):
    """Correct under 'fork' and under 'spawn' (macOS and Windows)"""
    portable_checks.works_under(_run(observe, "fork"), "fork")
    portable_checks.works_under(_run(observe, "spawn"), "spawn")


@pytest.mark.points(2)
def test_importing_the_module_starts_nothing(observe):
    """Importing the module runs nothing; calling main() runs the program"""
    portable_checks.import_starts_nothing(
        observe.call(EXERCISE, trace=portable_checks.TRACE)
    )

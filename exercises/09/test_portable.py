"""Visible checks for exercise 09: run them with `pytest exercises/09`.

Your file runs as a program (`python portable.py`) in a separate process, once
with each start method as the platform's default, watched by the grader: it sees
every process, how it was started, and when each line arrives.
"""

import pytest

from grader.checks import portable

EXERCISE = "09"


def _run(observe, method):
    return observe.program(EXERCISE, start_method=method, trace=portable.TRACE)


@pytest.mark.points(3)
def test_works_under_fork_and_spawn(observe):
    """Correct under 'fork' and under 'spawn' (macOS and Windows)"""
    portable.works_under(_run(observe, "fork"), "fork")
    portable.works_under(_run(observe, "spawn"), "spawn")


@pytest.mark.points(2)
def test_importing_the_module_starts_nothing(observe):
    """Importing the module runs nothing; calling main() runs the program"""
    portable.import_starts_nothing(observe.call(EXERCISE, trace=portable.TRACE))

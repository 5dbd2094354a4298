"""Visible checks for exercise 07: run them with `pytest exercises/07`.

Your count_in_parallel() runs in a separate process, watched by the grader: it
sees every process you start, when each one lives, and the total you return.
"""

import pytest

import counter_checks
from grader.harness.schedule import increments_collide

EXERCISE = "07"
WORKERS, INCREMENTS = 4, 1_000


@pytest.fixture(scope="module")
def run(observe):
    # The children are held until the program first joins one, so that children
    # started together count together however busy the machine is, and each pauses
    # after reading the counter: unlocked increments collide on every run.
    return observe.call(EXERCISE, WORKERS, INCREMENTS, schedule=increments_collide())


@pytest.mark.points(1)
def test_the_children_s_increments_reach_the_parent(run):
    """The children's increments reach the main process (the counter is shared)"""
    counter_checks.increments_arrive(
        run, counter_checks.counting_children(run, WORKERS)
    )


@pytest.mark.points(2)
def test_returns_the_exact_total(run):
    """count_in_parallel(4, 1000) returns exactly 4000: no increment is lost"""
    kids = counter_checks.counting_children(run, WORKERS)
    counter_checks.exact_total(run, kids, WORKERS * INCREMENTS)


@pytest.mark.points(2)
def test_the_children_count_at_the_same_time(run):
    """The children count at the same time, and still no increment is lost"""
    kids = counter_checks.counting_children(run, WORKERS)
    counter_checks.exact_total(run, kids, WORKERS * INCREMENTS)
    counter_checks.counted_together(run, kids)

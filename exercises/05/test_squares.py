"""Visible checks for exercise 05: run them with `pytest exercises/05`.

parallel_squares() runs in a separate process, watched by the grader: it sees every
process you start, which ones you join, and what your function returns. A run that
does not end is stopped at a time limit, and the check says where it was waiting.
"""

import pytest

import squares_checks
from grader.harness.schedule import reverse_finish

EXERCISE = "05"
SMALL = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]  # 11 numbers: 3 workers do not share evenly
WORKERS = 3
# 20,000 numbers around a million: pickled, their squares take about 160 KB,
# well over what the pipe under a Queue holds (64 KiB).
LARGE = list(range(1_000_000, 1_020_000))


@pytest.fixture(scope="module")
def small(observe):
    # The workers are made to finish in the reverse of the order they were
    # started, so results taken in arrival order come back out of order every time.
    return observe.call(EXERCISE, SMALL, WORKERS, schedule=reverse_finish(WORKERS))


@pytest.fixture(scope="module")
def large(observe):
    return observe.call(EXERCISE, LARGE, WORKERS, schedule=reverse_finish(WORKERS))


@pytest.mark.points(2)
def test_returns_the_squares_in_input_order(small):
    """Worker processes compute the squares; they come back in input order"""
    squares_checks.children(small)
    squares_checks.squares(small, [n * n for n in SMALL])


@pytest.mark.points(1)
def test_exactly_workers_processes(small):
    """Exactly `workers` child processes do the work"""
    squares_checks.worker_count(small, WORKERS, len(SMALL))


@pytest.mark.points(2)
def test_large_results_do_not_deadlock(large):
    """Large results come back without a deadlock, and nothing is left running"""
    squares_checks.children(large)
    squares_checks.squares(large, [n * n for n in LARGE])
    squares_checks.nothing_left(large)

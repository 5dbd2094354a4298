"""Hidden checks for exercise 05: other numbers and worker counts, numbers that make
the first worker finish last (so arrival order is not input order; every run is
also forced to finish its workers in reverse order), squares that
report where they were computed, other large results, and the edge cases."""

import importlib.util
import random
from pathlib import Path

import pytest

import squares_checks
from grader.harness.schedule import reverse_finish

EXERCISE = "05"
SUPPORT = Path(__file__).resolve().parent / "support"
TRACED = {"$ref": "traced_numbers:NUMBERS"}
TRACED_WORKERS = 4
LARGE_WORKERS = 5
# 20,003 numbers of up to eight digits: pickled, their squares take about 160 KB,
# well over the 64 KiB a Queue's pipe holds (see grader/checks/squares_checks.py).
_RANDOM = random.Random(5)
LARGE = [_RANDOM.randint(-(10**7), 10**7) for _ in range(20003)]


def _traced_values():
    spec = importlib.util.spec_from_file_location(
        "_ex05_traced_numbers", SUPPORT / "traced_numbers.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.VALUES


VALUES = _traced_values()


@pytest.fixture(scope="module")
def traced(observe):
    return observe.call(
        EXERCISE,
        TRACED,
        TRACED_WORKERS,
        python_path=(SUPPORT,),
        schedule=reverse_finish(TRACED_WORKERS),
    )


@pytest.mark.points(1)
def test_other_numbers_in_input_order(traced):
    """Other numbers, the first one slow to square: still in input order"""
    squares_checks.children(traced)
    squares_checks.squares(traced, [v * v for v in VALUES], show=False)


@pytest.mark.points(1)
def test_the_workers_compute_the_squares(traced):
    """The squares are computed in the workers, not in the main process"""
    squares_checks.children(traced)
    squares_checks.squared_in_children(traced)
    # The right squares came back (in any order: order has its own check).
    squares_checks.squares(traced, [v * v for v in VALUES], show=False, ordered=False)


@pytest.mark.points(1)
def test_other_worker_count(traced):
    """Another number of workers: exactly that many child processes"""
    squares_checks.worker_count(traced, TRACED_WORKERS, len(VALUES), show=False)


@pytest.mark.points(1)
def test_other_large_results(observe):
    """Other large results, other worker count: no deadlock, input order kept"""
    obs = observe.call(
        EXERCISE, LARGE, LARGE_WORKERS, schedule=reverse_finish(LARGE_WORKERS)
    )
    squares_checks.children(obs)
    squares_checks.squares(obs, [n * n for n in LARGE], show=False)
    squares_checks.nothing_left(obs)


@pytest.mark.points(1)
def test_empty_input_and_more_workers_than_numbers(observe):
    """No numbers at all, and more workers than numbers"""
    few = observe.call(EXERCISE, [7, -3], 5, schedule=reverse_finish(5))
    squares_checks.at_most_workers(few, 5)
    squares_checks.squares(few, [49, 9], show=False)
    squares_checks.nothing_left(few)
    empty = observe.call(EXERCISE, [], 3)
    squares_checks.squares(empty, [], show=False)
    squares_checks.nothing_left(empty)

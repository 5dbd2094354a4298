"""Visible checks for exercise 08: run them with `pytest exercises/08`.

Your run_pipeline() runs in a separate process, watched by the grader: it sees every
process you start, how long each one lives, whether it ends on its own, and what
your function returns.
"""

import pytest

from grader.checks import pipeline

EXERCISE = "08"
ITEMS = ["pear", "apple", "fig", "banana", "cherry", "kiwi", "plum"]


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, ITEMS)


@pytest.mark.points(2)
def test_a_producer_and_a_consumer_process(run):
    """A producer process and a consumer process do the work"""
    pipeline.stages(run)


@pytest.mark.points(2)
def test_the_items_come_back_upper_cased_in_order(run):
    """The items come back upper-cased, in their order"""
    pipeline.stages(run)
    pipeline.result(run, ITEMS)


@pytest.mark.points(1)
def test_the_pipeline_ends_and_every_process_is_joined(run):
    """Both stages end on their own, are joined, and nothing is left running"""
    workers = pipeline.stages(run)
    pipeline.ended_on_their_own(run, workers)

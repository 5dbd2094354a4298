"""Visible checks for exercise 08: run them with `pytest exercises/08`.

Your run_pipeline() runs in a separate process, watched by the grader: it sees every
process you start, how long each one lives, whether it ends on its own, and what
your function returns.
"""

import pytest

import pipeline_checks

EXERCISE = "08"
# Among them the items the lesson warns about: a sentinel that could be an item
# ends the stream early.
ITEMS = ["pear", "apple", "STOP", "fig", "", "banana", "None", "cherry", "kiwi"]


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, ITEMS)


@pytest.mark.points(1)
def test_a_producer_and_a_consumer_process(run):
    """A producer process and a consumer process do the work"""
    pipeline_checks.stages(run)


@pytest.mark.points(2)
def test_the_items_come_back_upper_cased_in_order(run):
    """The items come back upper-cased, in their order, "STOP", "" and "None" too"""
    pipeline_checks.stages(run)
    pipeline_checks.result(run, ITEMS)


@pytest.mark.points(1)
def test_the_pipeline_ends_and_every_process_is_joined(run):
    """Both stages end on their own, are joined, and nothing is left running"""
    workers = pipeline_checks.stages(run)
    pipeline_checks.ended_on_their_own(run, workers)


@pytest.mark.points(1)
def test_an_empty_list_gives_an_empty_list(observe, run):
    """An empty list of items gives an empty list, and the program ends"""
    pipeline_checks.stages(run)
    empty = observe.call(EXERCISE, [])
    pipeline_checks.finished(empty)
    pipeline_checks.result(empty, [])
    pipeline_checks.ended_on_their_own(empty, empty.workers())

"""Hidden checks for exercise 08: other inputs (none at all, items that look like a
sentinel, many items under spawn) and where the upper-casing really happens."""

import importlib.util
from pathlib import Path

import pytest

import pipeline_checks

EXERCISE = "08"
HERE = Path(__file__).resolve().parent
VISIBLE = ["pear", "apple", "STOP", "fig", "", "banana", "None", "cherry", "kiwi"]


def _inputs():
    spec = importlib.util.spec_from_file_location(
        "pipeline_items", HERE / "pipeline_items.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


INPUTS = _inputs()


@pytest.fixture(scope="module")
def ordinary(observe):
    return observe.call(EXERCISE, VISIBLE)


@pytest.fixture(scope="module")
def many(observe):
    return observe.call(
        EXERCISE,
        {"$ref": "pipeline_items:MANY_ITEMS"},
        start_method="spawn",
        trace=("upper",),
        python_path=(HERE,),
    )


@pytest.mark.points(1)
def test_no_items_at_all(observe, ordinary):
    """An empty list of items gives an empty list, and the program ends"""
    pipeline_checks.stages(ordinary)
    empty = observe.call(EXERCISE, [])
    pipeline_checks.finished(empty)
    pipeline_checks.result(empty, [], reveal=False)
    pipeline_checks.ended_on_their_own(empty, empty.workers())


@pytest.mark.points(2)
def test_items_that_look_like_a_sentinel_are_kept(observe):
    """Items such as "STOP" or "" are ordinary items, not the end of the stream"""
    run = observe.call(EXERCISE, INPUTS.LOOKALIKE)
    workers = pipeline_checks.stages(run)
    pipeline_checks.result(run, INPUTS.LOOKALIKE, reveal=False)
    pipeline_checks.ended_on_their_own(run, workers)


@pytest.mark.points(1)
def test_many_items_keep_their_order_under_spawn(many):
    """Many items keep their order, under the 'spawn' start method too"""
    pipeline_checks.stages(many)
    pipeline_checks.result(many, INPUTS.MANY, reveal=False)


@pytest.mark.points(1)
def test_the_upper_casing_happens_in_a_child(many):
    """The items are upper-cased in a child process, not by the parent"""
    workers = pipeline_checks.stages(many)
    pipeline_checks.upper_cased_in_a_child(many, workers)

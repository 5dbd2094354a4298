"""Hidden checks for exercise 07: other sizes, the 'spawn' start method (where
anything made at the top of the module is made again in every child), and probes
for a total that was computed instead of counted."""

from pathlib import Path

import pytest

import counter_checks
from grader.harness.schedule import increments_collide

EXERCISE = "07"
WORKERS, INCREMENTS = 3, 1_500
# Under spawn, a module-level lock on a Value(lock=False) is a new lock in every
# child, and that value is a ctypes object the schedule cannot pause on: enough
# increments that they collide by chance (they did on every run measured).
SPAWN_WORKERS, SPAWN_INCREMENTS = 4, 100_000
PROBE = Path(__file__).resolve().parent / "probe"


@pytest.fixture(scope="module")
def run(observe):
    # The first argument loads the counter probe into the main process; the
    # function still receives two ints.
    return observe.call(
        EXERCISE,
        *counter_checks.probe_args(WORKERS, INCREMENTS),
        python_path=(PROBE,),
        schedule=increments_collide(),
    )


def _exact(obs, workers, increments, start_method=None):
    kids = counter_checks.counting_children(obs, workers)
    counter_checks.exact_total(
        obs, kids, workers * increments, reveal=False, start_method=start_method
    )
    return kids


@pytest.mark.points(2)
def test_exact_total_for_other_sizes(run):
    """The total is exact for another number of workers and increments"""
    _exact(run, WORKERS, INCREMENTS)


@pytest.mark.points(1)
def test_exact_total_under_spawn(observe):
    """The total is exact under the 'spawn' start method (macOS and Windows)"""
    obs = observe.call(
        EXERCISE,
        SPAWN_WORKERS,
        SPAWN_INCREMENTS,
        start_method="spawn",
        schedule=increments_collide(),
    )
    _exact(obs, SPAWN_WORKERS, SPAWN_INCREMENTS, "spawn")


@pytest.mark.points(1)
def test_the_total_is_the_shared_counter_s_value(run):
    """The total returned is what the shared counter holds, not a computed number"""
    _exact(run, WORKERS, INCREMENTS)
    counter_checks.total_from_counter(run, WORKERS * INCREMENTS)


@pytest.mark.points(1)
def test_every_child_finishes_before_the_total_is_read(run):
    """Every child has finished before the total is read; nothing is left running"""
    kids = _exact(run, WORKERS, INCREMENTS)
    counter_checks.finished_before_return(run, kids)

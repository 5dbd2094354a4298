"""Exercise 07's 'counted at the same time' on a busy machine: when children that
the program started all at once happened not to overlap (each done before the next
was forked), the failure counts as a timing one and is re-run alone; the real
mistake, joining each child before starting the next, is not re-run."""

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from grader.checks import CheckFailed
from grader.harness import call_function

ROOT = Path(__file__).resolve().parent.parent
# The exercise's own check logic, imported by name as its checks do.
sys.path.append(str(ROOT / "exercises" / "07"))
import counter_checks as counters  # noqa: E402

WORKERS, INCREMENTS = 4, 20_000


def count(path: Path):
    return call_function(path, "count_in_parallel", [WORKERS, INCREMENTS])


def one_after_another(obs):
    """The same run as a loaded machine could have made it: every child starts
    after the previous one was last seen."""
    kids = sorted(counters.counting_children(obs, WORKERS), key=lambda p: p.start)
    shifted, t = [], 0.0
    for p in kids:
        shifted.append(replace(p, start=t, last_seen=t + 0.05, gone=t + 0.06))
        t += 0.1
    others = [p for p in obs.processes if p.pid not in {k.pid for k in kids}]
    return replace(obs, processes=others + shifted)


def test_a_correct_program_cut_short_by_load_gets_its_re_run():
    obs = one_after_another(count(ROOT / "solutions" / "07" / "counter.py"))
    with pytest.raises(CheckFailed) as failed:
        counters.counted_together(obs, counters.counting_children(obs, WORKERS))
    assert failed.value.timing


def test_joining_each_child_before_the_next_is_not_re_run():
    obs = count(ROOT / "solutions" / "07" / "variants" / "join_after_each_start.py")
    with pytest.raises(CheckFailed) as failed:
        counters.counted_together(obs, counters.counting_children(obs, WORKERS))
    assert not failed.value.timing

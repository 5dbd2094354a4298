"""The checks hold on a busy machine: with CPU burners on both cores and several
students graded at once, a correct program keeps full marks and the serial and
no-join mistakes still fail. Bounded: the burners stop by themselves."""

import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from grader.checkrun import make_tree, run_checks

ROOT = Path(__file__).resolve().parent.parent
BURN_SECONDS = 40


def burn(until):
    while time.monotonic() < until:
        pass


@pytest.fixture
def burners():
    until = time.monotonic() + BURN_SECONDS
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=burn, args=(until,), daemon=True) for _ in range(4)]
    for p in procs:
        p.start()
    yield
    for p in procs:
        p.terminate()
        p.join()


def test_exercise_03_under_load(course, tmp_path, burners):
    programs = {
        "solution-a": ROOT / "solutions/03/sleepy.py",
        "solution-b": ROOT / "solutions/03/sleepy.py",
        "spawn-context": ROOT / "solutions/03/variants/spawn_context.py",
        "serial": ROOT / "solutions/03/variants/join_after_each_start.py",
        "no-join": ROOT / "solutions/03/variants/no_join.py",
    }
    trees = {
        name: make_tree(course, {"03": path}, tmp_path / name)
        for name, path in programs.items()
    }
    with ThreadPoolExecutor(max_workers=len(trees)) as pool:
        futures = {
            n: pool.submit(run_checks, course, "03", t) for n, t in trees.items()
        }
        results = {name: f.result() for name, f in futures.items()}

    def failed(name):
        return {r.name for r in results[name] if r.outcome != "passed"}

    for name in ("solution-a", "solution-b", "spawn-context"):
        assert failed(name) == set(), [r.message for r in results[name]]
    assert "test_the_whole_thing_takes_about_one_second" in failed("serial")
    assert "test_the_children_sleep_at_the_same_time" in failed("serial")
    assert "test_done_in_is_printed_after_both_children_finish" in failed("no-join")

"""One machine's rules (grader/scheduling.py): one CPU-bound exercise at a time
beside any number of sleep-bound ones, and a re-run that waits for the checks
already running, then has the machine to itself."""

import threading
from contextlib import contextmanager

from grader.scheduling import Gate

SOON = 5.0  # long enough for a thread to get in on a loaded machine
NOT_YET = 0.3  # how long we watch a thread that must stay out


class Holder:
    """A thread inside one of the gate's doors until released."""

    def __init__(self, door):
        self.door = door
        self.inside = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._run)
        self.thread.start()

    def _run(self):
        with self.door():
            self.inside.set()
            self.release.wait(30)

    def leave(self):
        self.release.set()
        self.thread.join()


def shared(gate, schedule):
    return Holder(lambda: gate.shared(schedule))


@contextmanager
def everyone_leaves(*holders):
    try:
        yield
    finally:
        for h in holders:
            h.release.set()


def test_sleep_bound_checks_overlap_and_cpu_bound_ones_take_turns():
    gate = Gate()
    s1 = shared(gate, "sleep")
    assert s1.inside.wait(SOON)
    s2, c1 = shared(gate, "sleep"), shared(gate, "cpu")
    with everyone_leaves(s1, s2, c1):
        assert s2.inside.wait(SOON) and c1.inside.wait(SOON)
        c2 = shared(gate, "cpu")
        with everyone_leaves(c2):
            assert not c2.inside.wait(NOT_YET)
            c1.leave()
            assert c2.inside.wait(SOON)
    for h in (s1, s2, c2):
        h.leave()


def test_a_re_run_waits_for_running_checks_then_runs_alone():
    gate = Gate()
    running = shared(gate, "sleep")
    assert running.inside.wait(SOON)
    rerun = Holder(gate.alone)
    with everyone_leaves(running, rerun):
        assert not rerun.inside.wait(NOT_YET)
        # A check that comes after the re-run asked waits for it (no starving).
        late = shared(gate, "sleep")
        with everyone_leaves(late):
            assert not late.inside.wait(NOT_YET)
            running.leave()
            assert rerun.inside.wait(SOON)
            assert not late.inside.wait(NOT_YET)
            rerun.leave()
            assert late.inside.wait(SOON)
    late.leave()

"""Who may run a student's checks when, on one machine (``grader grade``, or one Dask
worker).

Two rules keep correct programs from losing points to load:
- exercises with ``schedule: cpu`` in course.yml burn CPU on purpose and take the
  one CPU slot; sleep-bound ones overlap freely beside them;
- a check that failed on a time bound alone is run again *alone*: no other checks
  run on the machine meanwhile.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager


class Gate:
    """The CPU slot, and a shared/alone lock for re-runs that must have the machine.

    Threads that want to run alone are served before newcomers that want to share,
    so a re-run waits for the checks already running, not for the rest of the class.
    """

    def __init__(self) -> None:
        self.cpu = threading.Semaphore(1)
        self._cond = threading.Condition()
        self._sharing = 0
        self._alone = False
        self._waiting_alone = 0

    @contextmanager
    def shared(self, schedule: str = "sleep"):
        with self._cond:
            while self._alone or self._waiting_alone:
                self._cond.wait()
            self._sharing += 1
        try:
            if schedule == "cpu":
                with self.cpu:
                    yield
            else:
                yield
        finally:
            with self._cond:
                self._sharing -= 1
                self._cond.notify_all()

    @contextmanager
    def alone(self):
        with self._cond:
            self._waiting_alone += 1
            while self._alone or self._sharing:
                self._cond.wait()
            self._waiting_alone -= 1
            self._alone = True
        try:
            yield
        finally:
            with self._cond:
                self._alone = False
                self._cond.notify_all()

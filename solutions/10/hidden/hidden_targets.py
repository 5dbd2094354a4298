"""Targets of the hidden checks of exercise 10 (never released).

Top-level functions in a module of their own, so that every start method can
import them by name in the child.
"""

import os
import signal
import sys
import time

# Printed by stubborn() each time it receives SIGTERM: the grader's evidence that
# the target was asked to stop before it was killed.
REFUSAL = "SIGTERM? No, thank you."


def fail():
    """Raises: multiprocessing prints the traceback and the exit code is 1."""
    raise RuntimeError("this target always fails")


def nap_then_exit(seconds, code):
    time.sleep(seconds)
    sys.exit(code)


def spin():
    """A runaway that computes: busy for ever, at the lowest priority.

    Busy all the same (it never sleeps or looks at a flag, so only terminate() stops
    it), but on a grader running many students at once it takes only the CPU nobody
    else wants: its minutes of spinning are not taken from other students' runs.
    """
    os.nice(19)
    n = 0
    while True:
        n += 1


def _refuse(signum, frame):
    print(REFUSAL, flush=True)


def stubborn():
    """Ignores SIGTERM (says so, and carries on); only SIGKILL stops it."""
    signal.signal(signal.SIGTERM, _refuse)
    while True:
        time.sleep(0.05)

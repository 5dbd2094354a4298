"""Targets that the checks of exercise 10 hand to your run_with_deadline().

Use them to try your function by hand, for example:

    python -c "import deadline, targets; print(deadline.run_with_deadline(targets.forever, [], 1.0))"

(run from inside exercises/10). Do not change this file: the checks use their own
copy.
"""

import signal
import sys
import time

# Printed by stubborn() each time it receives SIGTERM: the checks' evidence that
# the target was asked to stop before it was killed.
REFUSAL = "SIGTERM? No, thank you."


def finish():
    """Ends at once, normally: exit code 0."""


def exit_with(code):
    """Ends at once with sys.exit(code): exit code ``code``."""
    sys.exit(code)


def nap(seconds):
    """Sleeps for ``seconds``, then ends normally."""
    time.sleep(seconds)


def forever():
    """A runaway: never ends by itself."""
    while True:
        time.sleep(0.05)


def _refuse(signum, frame):
    print(REFUSAL, flush=True)


def stubborn():
    """A runaway that ignores SIGTERM (says so, and carries on): only kill() stops
    it."""
    signal.signal(signal.SIGTERM, _refuse)
    while True:
        time.sleep(0.05)

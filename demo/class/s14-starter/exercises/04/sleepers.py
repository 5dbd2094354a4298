"""Exercise 04 · Many processes with arguments.

Run one child process per duration, each sleeping the duration it is given, all
at the same time, and return how long the whole thing took: about the longest
duration, not the sum. Read README.md first.
"""

import multiprocessing
import time


def sleeper(seconds):
    """The work of one child: sleep for the given number of seconds."""
    time.sleep(seconds)


def run_sleepers(durations: list[float]) -> float:
    """Sleep every duration in its own process; return the elapsed seconds."""
    tic = time.time()
    # TODO: instead of sleeping here, one after the other, create one
    # multiprocessing.Process per duration that runs sleeper with that duration
    # as its argument; start them all, then join them all.
    for seconds in durations:
        sleeper(seconds)
    toc = time.time()
    return toc - tic


if __name__ == "__main__":
    print("Done in {:.4f} seconds".format(run_sleepers([0.4, 0.9, 0.6])))

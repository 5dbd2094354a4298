"""Exercise 04 · Many processes with arguments: reference solution.

The fix: one Process per duration, each given its own duration through
``args=(seconds,)`` (a tuple, hence the comma). Start them all first, then join
them all: the sleeps overlap, so the whole thing takes about max(durations), not
sum(durations). Taking toc after the last join() is what makes the returned time
honest; returning before joining would report a few milliseconds while the
children are still asleep.
"""

import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations: list[float]) -> float:
    tic = time.time()
    processes = [
        multiprocessing.Process(target=sleeper, args=(seconds,))
        for seconds in durations
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    toc = time.time()
    return toc - tic

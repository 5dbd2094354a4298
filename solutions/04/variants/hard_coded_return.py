# Parallel and joined, but returns the time it took on the visible example.
# expect-fail: test_the_returned_time_matches_the_clock
# expect-message: a value that was not measured
# hidden-only: hard-codes the answer for the visible durations; the graded checks use others
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    procs = [multiprocessing.Process(target=sleeper, args=(d,)) for d in durations]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return 0.9

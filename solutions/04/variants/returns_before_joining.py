# The lesson's bug again: toc is taken, and the function returns, before any join.
# expect-fail: test_returns_the_elapsed_time, test_every_child_is_joined_before_returning, test_the_returned_time_matches_the_clock
# expect-message: returned before its children finished
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    tic = time.time()
    for d in durations:
        multiprocessing.Process(target=sleeper, args=(d,)).start()
    toc = time.time()
    return toc - tic

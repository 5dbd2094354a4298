# Each process is joined right after it starts: the sleeps add up.
# expect-fail: test_the_children_sleep_at_the_same_time, test_other_durations_at_the_same_time
# expect-message: did not run at the same time
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    tic = time.time()
    for d in durations:
        p = multiprocessing.Process(target=sleeper, args=(d,))
        p.start()
        p.join()
    return time.time() - tic

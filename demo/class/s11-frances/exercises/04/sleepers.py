# args=(seconds) is a number, not a tuple: every child fails at once.
# expect-fail: test_one_child_process_per_duration
# expect-message: args=(seconds,) with the comma
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    tic = time.time()
    procs = [multiprocessing.Process(target=sleeper, args=(d)) for d in durations]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return time.time() - tic

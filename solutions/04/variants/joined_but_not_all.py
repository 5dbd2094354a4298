# Starts them all but joins only the last one: the longer sleepers outlive the return.
# expect-fail: test_all_children_are_joined_before_returning, test_every_child_is_joined_before_returning
# expect-message: still sleeping
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    tic = time.time()
    procs = [multiprocessing.Process(target=sleeper, args=(d,)) for d in durations]
    for p in procs:
        p.start()
    procs[-1].join()
    return time.time() - tic

# args do not match the target's parameters: every child dies with a TypeError.
# expect-fail: test_one_child_process_per_duration
# expect-message: raised an exception in the child
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    tic = time.time()
    procs = [
        multiprocessing.Process(target=sleeper, args=(i, d))
        for i, d in enumerate(durations)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return time.time() - tic

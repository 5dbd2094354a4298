# The duration is passed, but the target ignores it and sleeps the longest one.
# expect-fail: test_each_child_sleeps_its_own_duration, test_other_durations_one_process_each
# expect-message: all slept about as long as each other
import multiprocessing
import time


def sleeper(seconds, longest):
    time.sleep(longest)


def run_sleepers(durations):
    tic = time.time()
    procs = [
        multiprocessing.Process(target=sleeper, args=(d, max(durations)))
        for d in durations
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return time.time() - tic

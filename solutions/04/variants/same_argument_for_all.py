# Every process gets the first duration: the argument is not the loop's.
# expect-fail: test_each_child_sleeps_its_own_duration, test_other_durations_one_process_each
# expect-message: every child was given the same args
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    tic = time.time()
    procs = [
        multiprocessing.Process(target=sleeper, args=(durations[0],)) for _ in durations
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return time.time() - tic

# One child process that sleeps every duration in turn.
# expect-fail: test_one_child_process_per_duration, test_other_durations_one_process_each
# expect-message: one process that sleeps the durations one after another
import multiprocessing
import time


def sleep_all(durations):
    for d in durations:
        time.sleep(d)


def run_sleepers(durations):
    tic = time.time()
    p = multiprocessing.Process(target=sleep_all, args=(durations,))
    p.start()
    p.join()
    return time.time() - tic

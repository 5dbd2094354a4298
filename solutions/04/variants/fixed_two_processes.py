# Always two processes, as in exercise 03, splitting the durations between them.
# expect-fail: test_one_child_process_per_duration, test_other_durations_one_process_each
# expect-message: a fixed number of processes
import multiprocessing
import time


def sleep_all(durations):
    for d in durations:
        time.sleep(d)


def run_sleepers(durations):
    tic = time.time()
    half = len(durations) // 2
    p1 = multiprocessing.Process(target=sleep_all, args=(durations[:half],))
    p2 = multiprocessing.Process(target=sleep_all, args=(durations[half:],))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    return time.time() - tic

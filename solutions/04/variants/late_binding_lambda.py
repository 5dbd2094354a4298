# A lambda that reads the loop variable when the child runs: by then the loop has
# ended, so every child sleeps the last duration (late binding).
# expect-fail: test_each_child_sleeps_its_own_duration, test_other_durations_one_process_each
# expect-message: late binding
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    tic = time.time()
    procs = [multiprocessing.Process(target=lambda: sleeper(d)) for d in durations]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return time.time() - tic

# Threads where processes were asked for.
# expect-fail: test_one_child_process_per_duration, test_works_under_spawn
# expect-message: started no child process
import threading
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    tic = time.time()
    threads = [threading.Thread(target=sleeper, args=(d,)) for d in durations]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.time() - tic

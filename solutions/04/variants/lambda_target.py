# A lambda as the target: fine under fork, but spawn cannot pickle it.
# expect-fail: test_works_under_spawn
# expect-message: raised
# hidden-only: breaks only under spawn (lesson 09); the graded checks try spawn
import multiprocessing
import time


def run_sleepers(durations):
    tic = time.time()
    procs = [
        multiprocessing.Process(target=lambda s=d: time.sleep(s)) for d in durations
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return time.time() - tic

# A forkserver context, helper functions, and a list comprehension of processes.
# expect: pass
import multiprocessing
import time


def sleeper(seconds):
    time.sleep(seconds)


def start_all(procs):
    for p in procs:
        p.start()


def join_all(procs):
    for p in procs:
        p.join()


def run_sleepers(durations):
    ctx = multiprocessing.get_context("forkserver")
    tic = time.perf_counter()
    procs = [ctx.Process(target=sleeper, args=(d,)) for d in durations]
    start_all(procs)
    join_all(procs)
    return time.perf_counter() - tic

# An explicit spawn context, the duration passed by keyword.
# expect: pass
import multiprocessing as mp
import time


def sleeper(seconds):
    time.sleep(seconds)


def run_sleepers(durations):
    ctx = mp.get_context("spawn")
    tic = time.time()
    workers = {
        i: ctx.Process(target=sleeper, kwargs={"seconds": d})
        for i, d in enumerate(durations)
    }
    for w in workers.values():
        w.start()
    for i in sorted(workers):
        workers[i].join()
    toc = time.time()
    return toc - tic
